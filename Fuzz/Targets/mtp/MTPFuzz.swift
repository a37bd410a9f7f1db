import MGISCore
import MGISProtocol
import FuzzSupport

/// MTP/1 datagrams and ACKs as they come off the UDP socket, before any key is known.
///
/// Invariants: malformed input is refused by a thrown `MTPError`, never a trap or an
/// out-of-bounds read (AddressSanitizer sees those: the codec reads through unchecked raw
/// pointers); `validateRecords` and `decodeRecords` agree; a datagram that decodes re-encodes to
/// the same bytes up to its tag, and to exactly the same bytes once signed with the fuzz key.
private let authenticator = MTPAuthenticator(key: [UInt8](repeating: 0x5A, count: 32))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMTP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    checkDatagram(bytes)
    checkAck(bytes)
    return 0
}

private func checkDatagram(_ bytes: UnsafeRawBufferPointer) {
    let header: MTPHeader
    do {
        header = try MTPCodec.parseHeader(bytes)
    } catch {
        return
    }
    fuzzCheck(bytes.count == MTPLayout.length(forCount: Int(header.count)), "header accepted a wrong length")
    // The tag is checked on the real path before records are read; here any tag goes, so the
    // record decoder sees every layout the header lets through.
    let verified = (try? MTPCodec.verifyTag(bytes, header: header, authenticator: authenticator)) != nil
    let valid = (try? MTPCodec.validateRecords(bytes, header: header)) != nil
    let fixes: [Fix]
    do {
        fixes = try MTPCodec.decodeRecords(bytes, header: header)
    } catch {
        fuzzCheck(!valid, "validateRecords accepted what decodeRecords refused")
        return
    }
    fuzzCheck(valid, "validateRecords refused what decodeRecords accepted")
    fuzzCheck(fixes.count == Int(header.count), "decoded \(fixes.count) of \(header.count) records")
    let encoded = MTPCodec.encode(device: header.device, seq: header.seq, fixes: fixes, authenticator: authenticator)
    let body = bytes.count - MTPLayout.tagLength
    fuzzCheck(encoded.count == bytes.count, "re-encoded to \(encoded.count) bytes, read \(bytes.count)")
    fuzzCheck(encoded[..<body].elementsEqual(bytes[..<body]), "re-encoded datagram differs before its tag")
    if verified {
        fuzzCheck(encoded.elementsEqual(bytes), "a datagram signed with the fuzz key re-encodes to another tag")
    }
}

private func checkAck(_ bytes: UnsafeRawBufferPointer) {
    guard let ack = try? MTPCodec.decodeAck(bytes), let status = MTPAckStatus(rawValue: ack.status) else { return }
    let encoded = MTPCodec.encodeAck(device: ack.device, seq: ack.seq, status: status, authenticator: authenticator)
    fuzzCheck(encoded[..<13].elementsEqual(bytes[..<13]), "re-encoded ACK differs before its tag")
    let verified = (try? MTPCodec.verifyAck(bytes, authenticator: authenticator)) != nil
    fuzzCheck(verified == encoded.elementsEqual(bytes), "verifyAck disagrees with the ACK's own encoding")
}
