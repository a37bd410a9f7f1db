/// The time span an analysis covers: the filter's time range when it has one, otherwise the
/// observation times of the matching violations (an empty span at 0 when there are none).
struct TimeSpan {
    var from: Int64
    var to: Int64
    /// No time range and no matching violation.
    var isEmpty = false

    init(_ violations: [Violation], filter: AnalysisFilter) {
        if let range = filter.timeRange {
            from = range.lowerBound
            to = max(range.lowerBound, range.upperBound - 1)
            return
        }
        var low = Int64.max, high = Int64.min
        for violation in violations where filter.matches(violation) {
            low = min(low, violation.observedMillis)
            high = max(high, violation.observedMillis)
        }
        (from, to, isEmpty) = low <= high ? (low, high, false) : (0, 0, true)
    }
}
