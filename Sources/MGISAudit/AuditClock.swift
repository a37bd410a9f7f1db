/// An injected `Clock` with its instant type erased, so the writer need not be generic.
/// Times are durations since the clock was wrapped.
struct AuditClock: Sendable {
    /// Time since the clock was wrapped.
    let elapsed: @Sendable () -> Duration
    /// Sleeps until `elapsed()` reaches the deadline; throws when the task is cancelled.
    let sleepUntil: @Sendable (Duration) async throws -> Void

    init<C: Clock<Duration>>(_ clock: C) {
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
        sleepUntil = { deadline in try await clock.sleep(until: start.advanced(by: deadline), tolerance: nil) }
    }

    func sleep(for duration: Duration) async throws {
        try await sleepUntil(elapsed() + duration)
    }
}
