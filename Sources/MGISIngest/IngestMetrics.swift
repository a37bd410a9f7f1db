public import CoreMetrics
import Metrics

/// The ingest path's counters and histograms, made from one `MetricsFactory` so that each
/// server instance (and each test) reports into its own registry.
public struct IngestMetrics: DatagramIngestMetrics {
    /// Reasons a datagram gets no reply, as metric labels.
    public static let refusalReasons = [
        "truncated", "bad_length", "wrong_magic", "wrong_version", "wrong_kind", "bad_count",
        "latitude_out_of_range", "longitude_out_of_range", "heading_out_of_range",
        "battery_out_of_range", "centis_out_of_range", "bad_tag",
        "unknown_device", "disabled_device", "overload",
    ]

    let received: Counter
    let accepted: Counter
    let duplicates: Counter
    /// Datagrams answered with status 2: a fix too far in the future.
    let unacceptable: Counter
    /// Fixes newly stored.
    let committedFixes: Counter
    let commitFailures: Counter
    let commitLatency: Metrics.Timer
    let batchRows: Recorder
    private let refused: RefusalCounters

    public init(factory: any MetricsFactory) {
        received = Counter(label: "mgis_ingest_received_total", dimensions: [], factory: factory)
        accepted = Counter(label: "mgis_ingest_accepted_total", dimensions: [], factory: factory)
        duplicates = Counter(label: "mgis_ingest_duplicates_total", dimensions: [], factory: factory)
        unacceptable = Counter(label: "mgis_ingest_status2_total", dimensions: [], factory: factory)
        committedFixes = Counter(label: "mgis_store_committed_fixes_total", dimensions: [], factory: factory)
        commitFailures = Counter(label: "mgis_store_commit_failures_total", dimensions: [], factory: factory)
        commitLatency = Metrics.Timer(label: "mgis_store_commit_seconds", dimensions: [], factory: factory)
        batchRows = Recorder(label: "mgis_store_batch_datagrams", dimensions: [], aggregate: true, factory: factory)
        refused = RefusalCounters(label: "mgis_ingest_refused_total", reasons: Self.refusalReasons, factory: factory)
    }

    func refuse(_ reason: String) {
        refused.increment(reason)
    }

    func recordCommit(datagrams: Int, duration: Duration) {
        commitLatency.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        batchRows.record(datagrams)
    }
}
