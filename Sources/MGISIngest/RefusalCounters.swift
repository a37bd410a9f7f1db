import CoreMetrics

/// One counter family with a `reason` label, one counter per known reason, made up front so
/// that every reason shows (as 0) on /metrics before it first happens. Unknown reasons are
/// not counted: the lists are the documented labels.
struct RefusalCounters: Sendable {
    private let counters: [String: Counter]

    init(label: String, reasons: [String], factory: any MetricsFactory) {
        var counters: [String: Counter] = [:]
        for reason in reasons {
            counters[reason] = Counter(label: label, dimensions: [("reason", reason)], factory: factory)
        }
        self.counters = counters
    }

    func increment(_ reason: String) {
        counters[reason]?.increment()
    }
}
