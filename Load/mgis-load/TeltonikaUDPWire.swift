import MGISCore
import MGISProtocol

/// Teltonika Codec 8 / 8E over UDP for `LoadEngine`.
///
/// The packet id (2 bytes, echoed in the ACK) is the device's slot index, so an ACK names its
/// device without a lookup; the AVL packet id (1 byte, echoed too) is the engine's seq modulo
/// 256, which is therefore what pending datagrams are keyed by. Teltonika ACKs carry no
/// authentication, so any well-formed ACK naming a fleet slot counts.
struct TeltonikaUDPWire: TrackerWire {
    /// The most devices one run can tell apart by packet id.
    static let maxDevices = Int(UInt16.max) + 1

    private let imeis: [String]
    private let codec: TeltonikaCodecID

    /// - Parameter imeis: the fleet's IMEIs by slot; at most `maxDevices`.
    init(imeis: [String], codec: TeltonikaCodecID) {
        precondition(imeis.count <= Self.maxDevices, "Teltonika UDP packet ids are 2 bytes")
        self.imeis = imeis
        self.codec = codec
    }

    var deviceCount: Int { imeis.count }

    func replySeq(for seq: UInt32) -> UInt32 { seq & 0xFF }

    func encode(slot: Int, seq: UInt32, fixes: [Fix]) -> [UInt8] {
        TeltonikaCodec.encodeUDP(
            packetID: UInt16(truncatingIfNeeded: slot),
            avlPacketID: UInt8(truncatingIfNeeded: seq),
            imei: imeis[slot],
            avl: TeltonikaAVLData(codecID: codec, records: fixes.map(TeltonikaRecord.init(simulating:)))
        )
    }

    /// Reads `00 05 <packet id:2> 01 <AVL packet id:1> <accepted records:1>`.
    func decodeReply(_ bytes: UnsafeRawBufferPointer) -> TrackerReply? {
        guard bytes.count == 7, bytes[0] == 0x00, bytes[1] == 0x05, bytes[4] == 0x01 else { return nil }
        let slot = Int(bytes[2]) << 8 | Int(bytes[3])
        guard slot < imeis.count else { return nil }
        return TrackerReply(slot: slot, seq: UInt32(bytes[5]), outcome: .acceptedRecords(Int(bytes[6])))
    }
}
