/// An injected `Clock` with its instant type erased, so the hub need not be generic over it.
///
/// Times are durations since the hub was created, which is all the slow-client policy and the
/// tick loop need.
struct FeedClock: Sendable {
    /// Time since the clock was wrapped.
    let elapsed: @Sendable () -> Duration
    /// Sleeps until `elapsed()` reaches the deadline; throws when the task is cancelled.
    let sleepUntil: @Sendable (Duration) async throws -> Void

    init<C: Clock<Duration>>(_ clock: C) {
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
        sleepUntil = { deadline in try await clock.sleep(until: start.advanced(by: deadline), tolerance: nil) }
    }
}
