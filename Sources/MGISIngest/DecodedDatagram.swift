import MGISCore

/// An authenticated datagram of a registered, enabled device, in the terms the duplicate window
/// and the store share across wires.
struct DecodedDatagram<Reply> {
    var device: DeviceID
    /// The tracker's sequence number; a retransmission reuses it.
    var seq: UInt32
    /// Tells a retransmission (same seq, same tag) from new data after a seq reset.
    var tag: UInt64
    /// May be empty (an MTP/1 heartbeat): then nothing is stored and only the reply is owed.
    var fixes: [Fix]
    /// The answer when the datagram is stored.
    var reply: Reply
}
