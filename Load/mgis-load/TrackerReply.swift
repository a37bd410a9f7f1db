/// A server reply as a `TrackerWire` reads it: which device's datagram it answers, and how.
struct TrackerReply {
    /// What the server said about the datagram.
    enum Outcome {
        case stored
        case duplicate
        case refused
        /// A status the protocol does not define.
        case unknownStatus
        /// A Teltonika count of accepted records: the datagram's own record count means stored
        /// (the server answers retransmissions the same way, so duplicates are not told apart),
        /// 0 refused, anything else an unknown status. Only the engine knows the record count.
        case acceptedRecords(Int)
    }

    /// The engine's index of the device.
    let slot: Int
    /// As `TrackerWire.replySeq(for:)` gives it for the datagram answered.
    let seq: UInt32
    let outcome: Outcome
}
