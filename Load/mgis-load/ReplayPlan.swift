import MGISTrace

/// What a replay sends: the trace's records, when, and how each is rewritten on the way.
struct ReplayPlan: Sendable {
    let records: [TraceRecord]
    let schedule: ReplaySchedule
    /// Re-signs and time-shifts payloads; `nil` sends them byte-identical.
    let resigner: MTPResigner?
    /// Shift each fix by (send time - recorded arrival), so replayed fixes are current.
    let shiftToNow: Bool
    /// Wall-clock ms of the trace's first record as recorded.
    let recordedStartMillis: Int64
    /// How long to wait for ACKs after the last send before counting the rest as lost.
    let drainNanos: UInt64
    /// Datagrams sent at most per 1 ms tick (bounds a tick at `--speed max`).
    let maxPerTick: Int
    /// Datagrams awaiting a reply at most (0: no limit): at `--speed max` the replay then goes as
    /// fast as the server answers instead of overflowing its socket buffer.
    let window: Int
    /// A datagram unanswered this long stops holding a window slot (the server answers bad tags
    /// and unknown devices with silence, and a window must not wait for those for ever).
    let overdueNanos: UInt64 = 1_000_000_000
}
