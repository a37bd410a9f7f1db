import Foundation
import MGISTrace

/// The result of one `udp` or `teltonika` run, as printed at the end (text or JSON).
///
/// For Teltonika TCP a "datagram" is a frame and an "ACK" its record-count answer.
struct RunSummary: Sendable {
    /// ACK latency percentiles in milliseconds; all 0 when nothing was acknowledged.
    struct Latency: Sendable {
        var p50: Double
        var p90: Double
        var p99: Double
        var max: Double
    }

    var devices: Int
    /// Seconds during which new datagrams were sent (the drain is not included).
    var durationSeconds: Double
    var datagramsSent: Int
    var fixesSent: Int
    var retransmissions: Int
    var ackedStored: Int
    var ackedDuplicate: Int
    var ackedRefused: Int
    var ackedUnknownStatus: Int
    var ackedFixes: Int
    var lost: Int
    var unmatchedAcks: Int
    var invalidReplies: Int
    var socketErrors: Int
    var latency: Latency
    /// TCP only: frames that fell due while their device was still waiting for the answer to
    /// an earlier one and were not sent before sending stopped.
    var unsentFrames = 0
    /// One sample a second of the run, for `--report`.
    var rateSamples: [LoadReport.RateSample] = []
    /// ACK latencies as histogram buckets, for `--report`.
    var latencyBuckets: [LoadReport.LatencyBucket] = []

    /// Datagrams that got any ACK.
    var acked: Int { ackedStored + ackedDuplicate + ackedRefused + ackedUnknownStatus }

    /// Fixes the server acknowledged as held (stored or duplicate) per second of sending.
    var achievedFixesPerSecond: Double {
        durationSeconds > 0 ? Double(ackedFixes) / durationSeconds : 0
    }

    /// The human-readable summary, one figure a line.
    var text: String {
        let rows: [(String, String)] = [
            ("devices", "\(devices)"),
            ("duration", Self.fixed(durationSeconds, 2) + " s"),
            ("datagrams sent", "\(datagramsSent)"),
            ("fixes sent", "\(fixesSent)"),
            ("retransmissions", "\(retransmissions)"),
            ("acked stored", "\(ackedStored)"),
            ("acked duplicate", "\(ackedDuplicate)"),
            ("acked refused", "\(ackedRefused)"),
            ("lost (never acked)", "\(lost)" + Self.percent(lost, of: datagramsSent)),
            ("ack latency p50", Self.fixed(latency.p50, 3) + " ms"),
            ("ack latency p90", Self.fixed(latency.p90, 3) + " ms"),
            ("ack latency p99", Self.fixed(latency.p99, 3) + " ms"),
            ("ack latency max", Self.fixed(latency.max, 3) + " ms"),
            ("achieved fixes/s", Self.fixed(achievedFixesPerSecond, 1)),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { name, value in
            name + String(repeating: " ", count: width - name.count + 2) + value
        }.joined(separator: "\n")
    }

    /// The summary as one JSON object, keys in a fixed order for diffing.
    var json: String {
        let latencyJSON = "{\"p50\":\(Self.fixed(latency.p50, 3)),\"p90\":\(Self.fixed(latency.p90, 3)),"
            + "\"p99\":\(Self.fixed(latency.p99, 3)),\"max\":\(Self.fixed(latency.max, 3))}"
        let fields: [(String, String)] = [
            ("devices", "\(devices)"),
            ("duration_s", Self.fixed(durationSeconds, 3)),
            ("datagrams_sent", "\(datagramsSent)"),
            ("fixes_sent", "\(fixesSent)"),
            ("retransmissions", "\(retransmissions)"),
            ("acked_stored", "\(ackedStored)"),
            ("acked_duplicate", "\(ackedDuplicate)"),
            ("acked_refused", "\(ackedRefused)"),
            ("lost", "\(lost)"),
            ("latency_ms", latencyJSON),
            ("achieved_fixes_per_s", Self.fixed(achievedFixesPerSecond, 1)),
            ("loss_fraction", Self.fixed(datagramsSent > 0 ? Double(lost) / Double(datagramsSent) : 0, 6)),
            ("peak_sent_per_s", "\(peakSentPerSecond)"),
            ("seconds_sampled", "\(rateSamples.count)"),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// Anomalies worth a line on stderr, or `nil` when there are none.
    var notes: String? {
        var parts: [String] = []
        if unmatchedAcks > 0 { parts.append("\(unmatchedAcks) extra ACKs for datagrams already acknowledged or given up") }
        if invalidReplies > 0 { parts.append("\(invalidReplies) replies that were not valid ACKs for a fleet device") }
        if ackedUnknownStatus > 0 { parts.append("\(ackedUnknownStatus) ACKs with an unknown status byte") }
        if socketErrors > 0 { parts.append("\(socketErrors) socket errors") }
        if unsentFrames > 0 {
            parts.append("\(unsentFrames) frames due but never sent: their devices were still waiting for answers")
        }
        return parts.isEmpty ? nil : "note: " + parts.joined(separator: "; ")
    }

    /// `value` with `digits` decimals, always in the C locale (JSON needs a dot).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value.isFinite ? value : 0)
    }

    private static func percent(_ part: Int, of whole: Int) -> String {
        whole > 0 ? " (" + fixed(Double(part) * 100 / Double(whole), 2) + "%)" : ""
    }
}
