import Crypto
import MGISProtocol
import NIOCore

/// Splits a Teltonika TCP stream into the IMEI handshake and then AVL frames.
///
/// Runs on the connection's event loop. Structural checks that leave the stream out of step (an
/// IMEI length other than 15, a non-zero preamble, a data length of 0 or above
/// `TeltonikaLayout.maxAVLDataLength`) throw, which closes the connection: a byte stream cannot
/// be resynchronised. A frame that is complete but corrupt inside (CRC, AVL structure) is passed
/// up as `.refused` and the stream goes on with the next frame.
struct TeltonikaTCPFrameDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = TeltonikaTCPMessage

    private var awaitingIMEI = true

    mutating func decode(buffer: inout ByteBuffer) throws -> TeltonikaTCPMessage? {
        awaitingIMEI ? try decodeIMEI(&buffer) : try decodeFrame(&buffer)
    }

    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> TeltonikaTCPMessage? {
        // A partial frame at EOF is simply dropped: it was never answered.
        try decode(buffer: &buffer)
    }

    private mutating func decodeIMEI(_ buffer: inout ByteBuffer) throws -> TeltonikaTCPMessage? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self) else { return nil }
        guard Int(length) == TeltonikaLayout.imeiLength else { throw TeltonikaError.badIMEI }
        let total = 2 + TeltonikaLayout.imeiLength
        guard let slice = buffer.readSlice(length: total) else { return nil }
        let imei = try slice.withUnsafeReadableBytes { bytes throws(TeltonikaError) in
            try TeltonikaCodec.decodeIMEIHandshake(bytes)
        }
        awaitingIMEI = false
        return .imei(imei)
    }

    private func decodeFrame(_ buffer: inout ByteBuffer) throws -> TeltonikaTCPMessage? {
        let frameLength = try buffer.withUnsafeReadableBytes { bytes throws(TeltonikaError) in
            try TeltonikaCodec.tcpFrameLength(bytes)
        }
        guard let frameLength, let frame = buffer.readSlice(length: frameLength) else { return nil }
        return frame.withUnsafeReadableBytes { bytes in
            do throws(TeltonikaError) {
                let decoded = try TeltonikaCodec.decodeTCPFrame(bytes)
                let data = UnsafeRawBufferPointer(
                    rebasing: bytes[TeltonikaLayout.tcpPrefixLength..<(bytes.count - TeltonikaLayout.tcpCRCLength)]
                )
                return .frame(decoded.avl, tag: Self.tag(data))
            } catch {
                return .refused(error)
            }
        }
    }

    /// First 8 bytes, big-endian, of the SHA-256 of the AVL data: the same tag UDP packets get.
    static func tag(_ avlData: UnsafeRawBufferPointer) -> UInt64 {
        let digest = SHA256.hash(data: avlData)
        return digest.withUnsafeBytes { bytes in bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
    }
}
