import Histogram
import MGISTrace

/// ACK latencies of one run in an HdrHistogram, in microseconds to 3 significant digits.
///
/// Shared by the UDP and TCP engines so both report percentiles the same way.
struct LatencyRecorder {
    /// Latencies above a minute are recorded as a minute; a datagram that late is lost anyway.
    static let highestMicros: UInt64 = 60_000_000

    private var histogram = Histogram<UInt64>(highestTrackableValue: highestMicros, numberOfSignificantValueDigits: .three)

    /// Records the latency from `sentNanos` to `nowNanos` (monotonic clock).
    mutating func record(sentNanos: UInt64, nowNanos: UInt64) {
        let micros = (nowNanos - sentNanos) / 1000
        histogram.record(min(micros, Self.highestMicros))
    }

    /// A latency percentile in milliseconds; 0 before the first ACK.
    func millis(percentile: Double) -> Double {
        guard histogram.totalCount > 0 else { return 0 }
        return Double(histogram.valueAtPercentile(percentile)) / 1000
    }

    /// The histogram's recorded values as report buckets (µs, ascending), for the latency plot.
    var buckets: [LoadReport.LatencyBucket] {
        histogram.recordedValues().map { LoadReport.LatencyBucket(micros: Int64($0.value), count: Int($0.count)) }
    }

    /// p50, p90, p99 and max in milliseconds, all 0 when nothing was recorded.
    var summary: RunSummary.Latency {
        RunSummary.Latency(
            p50: millis(percentile: 50),
            p90: millis(percentile: 90),
            p99: millis(percentile: 99),
            max: histogram.totalCount > 0 ? Double(histogram.maxRecorded) / 1000 : 0
        )
    }
}
