import MGISCore

/// The protocol-specific half of a UDP load run: how a tracker's datagram looks and how the
/// server's reply to it is read.
///
/// `LoadEngine` does everything else (pacing, retransmission, loss, latency, progress) the same
/// way for every protocol, so MTP/1 and Teltonika numbers are measured alike. A wire knows the
/// fleet's identities (keys, IMEIs) by slot index, the engine's index of a device.
protocol TrackerWire: Sendable {
    /// Devices the wire knows; slots `0 ..< deviceCount`.
    var deviceCount: Int { get }

    /// The seq a reply to the datagram sent with `seq` names.
    ///
    /// The engine keys its pending datagrams by it. MTP/1 echoes the whole seq; Teltonika only
    /// an 8-bit AVL packet id.
    func replySeq(for seq: UInt32) -> UInt32

    /// The bytes of a new datagram of device `slot` with sequence number `seq` carrying `fixes`
    /// (1 ... 50, oldest first).
    func encode(slot: Int, seq: UInt32, fixes: [Fix]) -> [UInt8]

    /// The reply `bytes` decoded, or `nil` when it is not a valid reply to a device of the fleet.
    func decodeReply(_ bytes: UnsafeRawBufferPointer) -> TrackerReply?
}
