/// Everything the UDP engine keeps for one simulated tracker; its identity (key, IMEI) is the
/// wire's, under the same index.
struct DeviceSlot {
    /// Which of the fleet's sockets this tracker sends from (always the same one).
    let channelIndex: Int
    var car: PatrolCar
    /// The seq of the next new datagram; starts at 1 as PROTOCOL.md requires, unless
    /// `--first-seq` continues where an earlier run left off.
    var nextSeq: UInt32
    /// Sent and not yet acknowledged, by reply seq (`TrackerWire.replySeq(for:)`): the
    /// tracker's retransmission buffer.
    var pending: [UInt32: PendingDatagram] = [:]
}
