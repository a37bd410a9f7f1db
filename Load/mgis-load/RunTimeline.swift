/// The timeline every load engine follows: send (for a planned time, or until the engine says
/// so), then drain until every reply is in or the drain deadline passes. On the way it prints a
/// progress line a second on stderr and samples the rates that the report plots.
///
/// A value owned by one engine on its event loop, like the engine's other state.
struct RunTimeline {
    enum Phase {
        case idle
        case sending(endNanos: UInt64?)
        case draining(deadlineNanos: UInt64)
        case finished
    }

    private(set) var phase = Phase.idle
    private(set) var startNanos: UInt64 = 0
    private(set) var stopNanos: UInt64 = 0
    private(set) var sampler = RateSampler(startNanos: 0)
    private var progress = ProgressMeter(startNanos: 0)
    private var nextProgressNanos: UInt64 = 0
    private let showProgress: Bool

    init(showProgress: Bool) {
        self.showProgress = showProgress
    }

    /// Starts sending at `now`, for `sendingNanos` or (nil) until `stopSending`. Calling it again
    /// before anything was sent moves the start (a replay anchors on its first tick).
    mutating func start(atNanos now: UInt64, sendingNanos: UInt64?) {
        phase = .sending(endNanos: sendingNanos.map { now + $0 })
        startNanos = now
        progress = ProgressMeter(startNanos: now)
        sampler = RateSampler(startNanos: now)
        nextProgressNanos = now + 1_000_000_000
    }

    var isSending: Bool {
        if case .sending = phase { return true }
        return false
    }

    var isFinished: Bool {
        if case .finished = phase { return true }
        return false
    }

    /// While sending: the moment new sends are paced up to, `now` or the planned end itself once
    /// past it (so a paced run sends rate x duration). Nil when not sending.
    func pacingTarget(now: UInt64) -> UInt64? {
        guard case .sending(let end) = phase else { return nil }
        guard let end else { return now }
        return min(now, end)
    }

    /// Switches to draining when the planned end has passed; call after sending what was due.
    mutating func stopSendingIfPastEnd(now: UInt64, drainNanos: UInt64) {
        guard case .sending(let end?) = phase, now >= end else { return }
        stopSending(now: now, drainNanos: drainNanos)
    }

    /// Switches to draining now (the engine has nothing more to send).
    mutating func stopSending(now: UInt64, drainNanos: UInt64) {
        stopNanos = now
        phase = .draining(deadlineNanos: now + drainNanos)
    }

    /// Samples the counters and prints the progress line when one is due; true when the run is
    /// over: draining, and nothing pending or the deadline passed.
    mutating func observe(_ counters: LoadCounters, latency: LatencyRecorder, now: UInt64) -> Bool {
        sampler.observe(counters, nowNanos: now)
        var draining = false
        if case .draining = phase { draining = true }
        if showProgress, now >= nextProgressNanos {
            nextProgressNanos += 1_000_000_000
            if nextProgressNanos <= now { nextProgressNanos = now + 1_000_000_000 }
            StandardError.write(
                progress.line(
                    counters: counters, p99Millis: latency.millis(percentile: 99), startNanos: startNanos, nowNanos: now,
                    draining: draining
                )
            )
        }
        if case .draining(let deadline) = phase { return counters.pending == 0 || now >= deadline }
        return false
    }

    /// Ends the run; the rate samples are complete from here on.
    mutating func finish(_ counters: LoadCounters) {
        phase = .finished
        sampler.finish(counters)
    }

    /// From the start to the end of sending.
    var sendingSeconds: Double { Double(stopNanos - startNanos) / 1e9 }
}
