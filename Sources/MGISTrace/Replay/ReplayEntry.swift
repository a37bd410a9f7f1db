/// One datagram of a replay: which record, in which loop, and when to send it.
public struct ReplayEntry: Hashable, Sendable {
    /// Index into the records the schedule was made from.
    public var recordIndex: Int
    /// 0 for the first pass over the records.
    public var loop: Int
    /// Microseconds after the replay's start at which to send, already scaled by the speed.
    public var sendOffsetMicros: Int64

    public init(recordIndex: Int, loop: Int, sendOffsetMicros: Int64) {
        self.recordIndex = recordIndex
        self.loop = loop
        self.sendOffsetMicros = sendOffsetMicros
    }
}
