import MGISCore
import MGISProtocol
import FuzzSupport

/// Teltonika Codec 8 / 8E UDP datagrams as the socket hands them over (no authentication: any
/// host can send these).
///
/// The input is tried twice: as a whole datagram, and as AVL data behind a well-formed UDP
/// header (so the fuzzer need not find the length field and a 15-digit IMEI before it reaches the
/// record decoder). Invariants: refusals are thrown `TeltonikaError`s, never traps or
/// out-of-bounds reads; a datagram that decodes re-encodes to exactly its bytes; the header adds
/// nothing to what `decodeAVL` makes of the same AVL data; every record maps to a `Fix`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTeltonikaUDP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    checkDatagram(bytes)
    checkWrapped(bytes)
    return 0
}

private func checkDatagram(_ bytes: UnsafeRawBufferPointer) {
    guard let packet = try? TeltonikaCodec.decodeUDP(bytes) else { return }
    fuzzCheck(TeltonikaCodec.encodeUDP(packet).elementsEqual(bytes), "decoded datagram re-encodes to other bytes")
    mapRecords(packet.avl)
}

private func checkWrapped(_ avlData: UnsafeRawBufferPointer) {
    let imei = Array("356307042441013".utf8)
    let length = 2 + 1 + 1 + 2 + imei.count + avlData.count
    guard length <= Int(UInt16.max) else { return }
    var datagram: [UInt8] = [UInt8(length >> 8), UInt8(length & 0xFF), 0xCA, 0xFE, 0x01, 0x07, 0x00, 0x0F]
    datagram += imei
    datagram += avlData
    let alone = Result { () throws(TeltonikaError) in try TeltonikaCodec.decodeAVL(avlData) }
    let wrapped = datagram.withUnsafeBytes { bytes in
        Result { () throws(TeltonikaError) in try TeltonikaCodec.decodeUDP(bytes) }
    }
    switch (alone, wrapped) {
    case (.success(let avl), .success(let packet)):
        fuzzCheck(avl == packet.avl, "the UDP header changed the decoded AVL data")
        fuzzCheck(packet.imei == "356307042441013" && packet.packetID == 0xCAFE && packet.avlPacketID == 7, "header fields changed")
        fuzzCheck(TeltonikaCodec.encodeUDP(packet) == datagram, "wrapped datagram re-encodes to other bytes")
        mapRecords(avl)
    case (.failure(let error), .failure(let wrappedError)):
        // A datagram over the UDP cap is refused for its size before its AVL data is read.
        fuzzCheck(error == wrappedError || wrappedError == .frameTooLarge, "decodeAVL: \(error), decodeUDP: \(wrappedError)")
    case (.success, .failure(let error)):
        fuzzCheck(error == .frameTooLarge, "decodeUDP refused AVL data decodeAVL accepted: \(error)")
    case (.failure(let error), .success):
        fuzzFail("decodeUDP accepted AVL data decodeAVL refused: \(error)")
    }
}

private func mapRecords(_ avl: TeltonikaAVLData) {
    for record in avl.records {
        let fix = record.fix
        fuzzCheck(fix.latE7 == record.latitude && fix.lonE7 == record.longitude, "position changed in the mapping")
        fuzzCheck(fix.speedCmS < Fix.unknownSpeed, "a known speed mapped to the unknown sentinel")
    }
}
