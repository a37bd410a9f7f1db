import Foundation

/// The machine-readable result of a run: what `LoadReport.json()` prints.
///
/// Keys are stable and sorted, one JSON object:
///
/// | key | type | meaning |
/// |---|---|---|
/// | `target`, `label` | string | as in `LoadReport.Parameters` |
/// | `devices`, `fixes_per_datagram` | integer | |
/// | `fixes_per_second` | number or null | asked-for rate; null = as fast as possible |
/// | `duration_s` | number | seconds of sending |
/// | `sent`, `acked`, `lost`, `retransmissions` | integer | datagrams |
/// | `loss_fraction` | number | `lost / sent`, 0 when nothing was sent |
/// | `latency_us` | object or null | `p50`, `p90`, `p99`, `max` ACK latency in µs; null when nothing was acknowledged |
public struct LoadSummary: Hashable, Sendable, Codable {
    /// ACK latency percentiles in microseconds.
    public struct Latency: Hashable, Sendable, Codable {
        public var p50: Int64
        public var p90: Int64
        public var p99: Int64
        public var max: Int64

        public init(p50: Int64, p90: Int64, p99: Int64, max: Int64) {
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
            self.max = max
        }
    }

    public var target: String
    public var label: String
    public var devices: Int
    public var fixesPerSecond: Double?
    public var fixesPerDatagram: Int
    public var durationSeconds: Double
    public var sent: Int
    public var acked: Int
    public var lost: Int
    public var retransmissions: Int
    public var lossFraction: Double
    public var latencyMicros: Latency?

    public init(parameters: LoadReport.Parameters, totals: LoadReport.Totals, latencyMicros: Latency?) {
        target = parameters.target
        label = parameters.label
        devices = parameters.devices
        fixesPerSecond = parameters.fixesPerSecond
        fixesPerDatagram = parameters.fixesPerDatagram
        durationSeconds = parameters.durationSeconds
        sent = totals.sent
        acked = totals.acked
        lost = totals.lost
        retransmissions = totals.retransmissions
        lossFraction = totals.sent > 0 ? Double(totals.lost) / Double(totals.sent) : 0
        self.latencyMicros = latencyMicros
    }

    enum CodingKeys: String, CodingKey {
        case target, label, devices, sent, acked, lost, retransmissions
        case fixesPerSecond = "fixes_per_second"
        case fixesPerDatagram = "fixes_per_datagram"
        case durationSeconds = "duration_s"
        case lossFraction = "loss_fraction"
        case latencyMicros = "latency_us"
    }

    /// Writes every key, `null` included, so consumers never meet a missing key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(label, forKey: .label)
        try container.encode(devices, forKey: .devices)
        try container.encode(fixesPerSecond, forKey: .fixesPerSecond)
        try container.encode(fixesPerDatagram, forKey: .fixesPerDatagram)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(sent, forKey: .sent)
        try container.encode(acked, forKey: .acked)
        try container.encode(lost, forKey: .lost)
        try container.encode(retransmissions, forKey: .retransmissions)
        try container.encode(lossFraction, forKey: .lossFraction)
        try container.encode(latencyMicros, forKey: .latencyMicros)
    }

    /// One line of JSON with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain numbers and strings cannot fail.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
