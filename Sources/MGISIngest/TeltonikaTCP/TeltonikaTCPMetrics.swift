public import CoreMetrics

/// Counters of the Teltonika TCP listener, from the server's metrics factory.
public struct TeltonikaTCPMetrics: Sendable {
    /// Why a connection was closed or a frame got no reply, as metric labels.
    public static let refusalReasons = [
        "bad_imei", "unknown_imei", "disabled_imei", "bad_preamble", "bad_length", "frame_too_large", "crc_mismatch",
        "truncated", "trailing_bytes", "unknown_codec", "no_records", "record_count_mismatch", "io_count_mismatch",
        "idle_timeout", "too_many_connections", "too_many_connections_from_address", "network",
    ]

    /// Connections open now.
    let connections: Meter
    let accepted: Counter
    let frames: Counter
    let duplicates: Counter
    /// Frames answered with 0 records: a position off the globe or a time too far ahead.
    let unacceptable: Counter
    let committedRecords: Counter
    let commitFailures: Counter
    private let refused: RefusalCounters

    public init(factory: any MetricsFactory) {
        connections = Meter(label: "mgis_teltonika_tcp_connections", dimensions: [], factory: factory)
        accepted = Counter(label: "mgis_teltonika_tcp_handshakes_accepted_total", dimensions: [], factory: factory)
        frames = Counter(label: "mgis_teltonika_tcp_frames_total", dimensions: [], factory: factory)
        duplicates = Counter(label: "mgis_teltonika_tcp_duplicates_total", dimensions: [], factory: factory)
        unacceptable = Counter(label: "mgis_teltonika_tcp_unacceptable_total", dimensions: [], factory: factory)
        committedRecords = Counter(label: "mgis_teltonika_tcp_committed_records_total", dimensions: [], factory: factory)
        commitFailures = Counter(label: "mgis_teltonika_tcp_commit_failures_total", dimensions: [], factory: factory)
        refused = RefusalCounters(label: "mgis_teltonika_tcp_refused_total", reasons: Self.refusalReasons, factory: factory)
    }

    func refuse(_ reason: String) {
        refused.increment(reason)
    }
}
