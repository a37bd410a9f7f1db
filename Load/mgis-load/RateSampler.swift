import MGISTrace

/// Cuts a run's running counters into one-second samples for the report's rate plot.
///
/// The engines call `observe` on every tick (1 ms); a sample is closed each time a whole second
/// since the start has passed, with the datagrams sent, acknowledged and given up during it.
/// Ticks never skip a second's boundary unseen: a late tick closes every second it passed,
/// the ones it skipped with zero counts, so the plot's time axis stays true.
struct RateSampler {
    private let startNanos: UInt64
    private var closedSeconds = 0
    private var last = (sent: 0, acked: 0, lost: 0)
    private(set) var samples: [LoadReport.RateSample] = []

    init(startNanos: UInt64) {
        self.startNanos = startNanos
    }

    /// Closes the seconds that ended by `nowNanos`.
    mutating func observe(_ counters: LoadCounters, nowNanos: UInt64) {
        let elapsedSeconds = Int((nowNanos &- startNanos) / 1_000_000_000)
        guard elapsedSeconds > closedSeconds else { return }
        let counts = delta(counters)
        samples.append(.init(second: closedSeconds, sent: counts.sent, acked: counts.acked, lost: counts.lost))
        closedSeconds += 1
        while closedSeconds < elapsedSeconds {
            samples.append(.init(second: closedSeconds, sent: 0, acked: 0, lost: 0))
            closedSeconds += 1
        }
    }

    /// Closes the last, partial second at the end of the run.
    mutating func finish(_ counters: LoadCounters) {
        let counts = delta(counters)
        if counts.sent + counts.acked + counts.lost > 0 || samples.isEmpty {
            samples.append(.init(second: closedSeconds, sent: counts.sent, acked: counts.acked, lost: counts.lost))
        }
    }

    private mutating func delta(_ counters: LoadCounters) -> (sent: Int, acked: Int, lost: Int) {
        defer { last = (counters.datagramsSent, counters.acked, counters.lost) }
        return (counters.datagramsSent - last.sent, counters.acked - last.acked, counters.lost - last.lost)
    }
}
