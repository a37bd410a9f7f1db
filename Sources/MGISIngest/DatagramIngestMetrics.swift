import CoreMetrics

/// The counters every UDP ingest listener keeps, each under its own labels (`IngestMetrics`
/// for MTP/1, `TeltonikaMetrics` for Teltonika UDP).
protocol DatagramIngestMetrics: Sendable {
    var received: Counter { get }
    /// Datagrams that decoded and authenticated.
    var accepted: Counter { get }
    var duplicates: Counter { get }
    /// Datagrams answered but not stored (`DatagramWire.unacceptableReply`).
    var unacceptable: Counter { get }
    /// Fixes the store newly wrote.
    var committedFixes: Counter { get }
    var commitFailures: Counter { get }

    /// Counts a datagram that gets no reply under `reason`.
    func refuse(_ reason: String)

    /// Records one successful commit of `datagrams` datagrams that took `duration`.
    func recordCommit(datagrams: Int, duration: Duration)
}
