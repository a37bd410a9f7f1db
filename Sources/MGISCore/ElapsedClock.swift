/// An injected `Clock` with its instant type erased, so that services taking a clock (the audit
/// writer, the live feed hub) need not be generic over it. Times are durations since the clock
/// was wrapped, which is all timers and slow-client policies need; tests pass a manual clock.
public struct ElapsedClock: Sendable {
    /// Time since the clock was wrapped.
    public let elapsed: @Sendable () -> Duration
    /// Sleeps until `elapsed()` reaches the deadline; throws when the task is cancelled.
    public let sleepUntil: @Sendable (Duration) async throws -> Void

    public init<C: Clock<Duration>>(_ clock: C) {
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
        sleepUntil = { deadline in try await clock.sleep(until: start.advanced(by: deadline), tolerance: nil) }
    }

    /// Sleeps for `duration` from now.
    public func sleep(for duration: Duration) async throws {
        try await sleepUntil(elapsed() + duration)
    }
}
