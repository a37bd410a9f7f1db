/// Matches a server reply to the datagram it answers, from the bytes both carry.
///
/// MTP/1: device id and seq (the ACK echoes both). Teltonika UDP: packet id and AVL packet id
/// (echoed in its 7-byte ACK); the high bit keeps the two spaces apart. Recorded trackers may
/// reuse Teltonika ids, so a replayed Teltonika reply can occasionally match the wrong datagram.
enum ReplayAckKey {
    private static let teltonikaBit: UInt64 = 1 << 63

    /// The key of a datagram about to be sent, or `nil` when it cannot be answered.
    static func ofDatagram(_ bytes: [UInt8], teltonika: Bool) -> UInt64? {
        if teltonika {
            // length:2, packet id:2, 0x01, AVL packet id:1, ...
            guard bytes.count >= 6 else { return nil }
            return teltonikaBit | UInt64(bytes[2]) << 16 | UInt64(bytes[3]) << 8 | UInt64(bytes[5])
        }
        // magic:2, version, kind, device:4, seq:4 (PROTOCOL.md)
        guard bytes.count >= 12 else { return nil }
        return mtp(device: bigEndian(bytes, 4), seq: bigEndian(bytes, 8))
    }

    /// The key of an MTP/1 ACK's datagram.
    static func mtp(device: UInt32, seq: UInt32) -> UInt64 {
        UInt64(device) << 32 | UInt64(seq)
    }

    /// The key and accepted-record count of a Teltonika UDP ACK `00 05 id:2 01 avl:1 n:1`.
    static func ofTeltonikaAck(_ bytes: UnsafeRawBufferPointer) -> (key: UInt64, accepted: Int)? {
        guard bytes.count == 7, bytes[0] == 0x00, bytes[1] == 0x05, bytes[4] == 0x01 else { return nil }
        return (teltonikaBit | UInt64(bytes[2]) << 16 | UInt64(bytes[3]) << 8 | UInt64(bytes[5]), Int(bytes[6]))
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
