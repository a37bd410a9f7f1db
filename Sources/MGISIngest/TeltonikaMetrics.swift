public import CoreMetrics

/// Counters of the Teltonika UDP listener, from the server's metrics factory.
public struct TeltonikaMetrics: DatagramIngestMetrics {
    /// Reasons a datagram gets no reply, as metric labels.
    public static let refusalReasons = [
        "truncated", "bad_length", "trailing_bytes", "frame_too_large", "bad_imei", "unknown_codec",
        "no_records", "record_count_mismatch", "io_count_mismatch", "unknown_imei", "disabled_imei", "network", "overload",
    ]

    let received: Counter
    let accepted: Counter
    let duplicates: Counter
    /// Packets answered with 0 records accepted: a position off the globe or a time too far ahead.
    let unacceptable: Counter
    /// Records newly stored.
    let committedFixes: Counter
    let commitFailures: Counter
    private let refused: RefusalCounters

    public init(factory: any MetricsFactory) {
        received = Counter(label: "mgis_teltonika_received_total", dimensions: [], factory: factory)
        accepted = Counter(label: "mgis_teltonika_accepted_total", dimensions: [], factory: factory)
        duplicates = Counter(label: "mgis_teltonika_duplicates_total", dimensions: [], factory: factory)
        unacceptable = Counter(label: "mgis_teltonika_unacceptable_total", dimensions: [], factory: factory)
        committedFixes = Counter(label: "mgis_teltonika_committed_records_total", dimensions: [], factory: factory)
        commitFailures = Counter(label: "mgis_teltonika_commit_failures_total", dimensions: [], factory: factory)
        refused = RefusalCounters(label: "mgis_teltonika_refused_total", reasons: Self.refusalReasons, factory: factory)
    }

    func refuse(_ reason: String) {
        refused.increment(reason)
    }

    /// Not recorded: the Teltonika listener exports no commit timing, only counters.
    func recordCommit(datagrams: Int, duration: Duration) {}
}
