/// Turns the running counters into the once-a-second progress line on stderr.
struct ProgressMeter {
    private var lastNanos: UInt64
    private var lastDatagrams = 0
    private var lastFixes = 0

    init(startNanos: UInt64) {
        self.lastNanos = startNanos
    }

    /// The line for `counters` at `nowNanos`, with rates since the previous line.
    mutating func line(
        counters: LoadCounters,
        p99Millis: Double,
        startNanos: UInt64,
        nowNanos: UInt64,
        draining: Bool
    ) -> String {
        let interval = max(1e-9, Double(nowNanos - lastNanos) / 1e9)
        let datagramRate = Double(counters.datagramsSent - lastDatagrams) / interval
        let fixRate = Double(counters.fixesSent - lastFixes) / interval
        lastNanos = nowNanos
        lastDatagrams = counters.datagramsSent
        lastFixes = counters.fixesSent
        let elapsed = Double(nowNanos - startNanos) / 1e9
        return "[" + RunSummary.fixed(elapsed, 1) + " s]" + (draining ? " draining" : "")
            + " sent " + RunSummary.fixed(datagramRate, 0) + " dg/s"
            + ", " + RunSummary.fixed(fixRate, 0) + " fixes/s"
            + ", acked \(counters.acked)"
            + ", pending \(counters.pending)"
            + ", retransmits \(counters.retransmissions)"
            + ", lost \(counters.lost)"
            + ", p99 " + RunSummary.fixed(p99Millis, 2) + " ms"
    }
}
