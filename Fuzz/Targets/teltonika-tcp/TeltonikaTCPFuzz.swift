@testable import MGISIngest
import MGISProtocol
import NIOCore
import FuzzSupport

/// Teltonika TCP streams: the IMEI handshake, then AVL frames (preamble, length, data, CRC-16).
///
/// Three views of one input: the input as one frame; the input as AVL data in a frame with the
/// right length and CRC (so the fuzzer reaches the record decoder past the checksum); and the
/// listener's own stream framer (`TeltonikaTCPFrameDecoder`) fed a handshake, the wrapped frame
/// and then the raw input, cut into chunks of every size from 1 byte. Invariants: refusals are
/// thrown, never traps or out-of-bounds reads; a frame decodes exactly as its AVL data does and
/// re-encodes to its bytes; the framer yields the same messages however the stream is cut.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTeltonikaTCP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: data, count: size))
    checkRawFrame(input)
    if let frame = wrappedFrame(input) {
        checkWrappedFrame(frame, avlData: input)
        checkStream(TeltonikaCodec.encodeIMEIHandshake("356307042441013") + frame + input)
    }
    return 0
}

private func decodeFrame(_ bytes: [UInt8]) -> Result<TeltonikaTCPFrame, TeltonikaError> {
    bytes.withUnsafeBytes { raw in Result { () throws(TeltonikaError) in try TeltonikaCodec.decodeTCPFrame(raw) } }
}

private func checkRawFrame(_ bytes: [UInt8]) {
    _ = bytes.withUnsafeBytes { raw in try? TeltonikaCodec.decodeIMEIHandshake(raw) }
    let length = bytes.withUnsafeBytes { raw in Result { () throws(TeltonikaError) in try TeltonikaCodec.tcpFrameLength(raw) } }
    guard case .success(let frame) = decodeFrame(bytes) else { return }
    fuzzCheck((try? length.get()) == bytes.count, "a frame decoded whose announced length is not its size")
    fuzzCheck(TeltonikaCodec.encodeTCPFrame(avl: frame.avl) == bytes, "decoded frame re-encodes to other bytes")
}

/// `avlData` in a frame with its length and CRC, or nil when no frame can carry that much.
private func wrappedFrame(_ avlData: [UInt8]) -> [UInt8]? {
    guard !avlData.isEmpty, avlData.count <= TeltonikaLayout.maxAVLDataLength else { return nil }
    let length = UInt32(avlData.count)
    let crc = avlData.withUnsafeBytes { TeltonikaCRC.crc16IBM($0) }
    return [0, 0, 0, 0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
        + avlData + [0, 0, UInt8(crc >> 8), UInt8(crc & 0xFF)]
}

private func checkWrappedFrame(_ frame: [UInt8], avlData: [UInt8]) {
    let alone = avlData.withUnsafeBytes { raw in Result { () throws(TeltonikaError) in try TeltonikaCodec.decodeAVL(raw) } }
    switch (alone, decodeFrame(frame)) {
    case (.success(let avl), .success(let decoded)):
        fuzzCheck(decoded.avl == avl, "the frame changed the decoded AVL data")
        fuzzCheck(TeltonikaCodec.encodeTCPFrame(avl: avl) == frame, "wrapped frame re-encodes to other bytes")
        for record in avl.records { _ = record.fix }
    case (.failure(let error), .failure(let frameError)):
        fuzzCheck(error == frameError, "decodeAVL: \(error), decodeTCPFrame: \(frameError)")
    default:
        fuzzFail("decodeAVL and decodeTCPFrame disagree on the same AVL data")
    }
}

/// What the framer makes of `stream` delivered in chunks of `chunk` bytes (0: all at once):
/// the messages, and whether it threw (which closes the connection).
private func frame(_ stream: [UInt8], chunk: Int) -> (messages: [String], closed: Bool) {
    var decoder = TeltonikaTCPFrameDecoder()
    var buffer = ByteBuffer()
    var messages: [String] = []
    var offset = 0
    repeat {
        let end = chunk == 0 ? stream.count : min(stream.count, offset + chunk)
        buffer.writeBytes(stream[offset..<end])
        offset = end
        do {
            while let message = try decoder.decode(buffer: &buffer) { messages.append(describe(message)) }
            buffer.discardReadBytes()
        } catch {
            return (messages, true)
        }
    } while offset < stream.count
    return (messages, false)
}

private func describe(_ message: TeltonikaTCPMessage) -> String {
    switch message {
    case .imei(let imei): "imei \(imei)"
    case .frame(let avl, let tag): "frame \(avl.records.count) \(tag)"
    case .refused(let error): "refused \(error)"
    }
}

private func checkStream(_ stream: [UInt8]) {
    let whole = frame(stream, chunk: 0)
    fuzzCheck(whole.messages.first == "imei 356307042441013", "the handshake was not the first message")
    fuzzCheck(whole.messages.count >= 2, "the wrapped frame gave no message")
    // Every cut costs a pass over the stream; a few sizes cover 1-byte dribbles and odd splits.
    for chunk in [1, 2, 3, 7, 13, 64, 1000] where chunk < stream.count {
        let cut = frame(stream, chunk: chunk)
        fuzzCheck(cut.messages == whole.messages && cut.closed == whole.closed, "chunks of \(chunk) framed the stream otherwise")
    }
}
