public import CoreMetrics
import Foundation
public import MGISAudit
import MGISCore
public import ServiceLifecycle
import Synchronization

/// Requests refused for their credentials, audited in summary: one `auth.failures` entry per
/// client address and interval instead of one or two durable entries per request.
///
/// A flood of requests with made-up tokens or wrong passwords costs no fsync each and cannot fill
/// the disk through the audit trail; the auditor still sees, per address and interval, how many
/// there were, with which statuses, on which routes and for which account names (the most
/// frequent ones). Every request made with a valid token stays audited one by one. Counted in
/// `mgis_http_auth_failures_total` as they happen.
///
/// Live-feed upgrades refused for their address's connect rate (`LiveFeedConnectGate`) are
/// tallied here too, with status 429: they are refused before their credentials are looked at,
/// so they are not counted as authentication failures in the metric.
public final class AuthFailureSummary: Service, Sendable {
    struct Tally {
        var count = 0
        var firstMillis: Int64
        var lastMillis: Int64
        var statuses: [Int: Int] = [:]
        var routes: [String: Int] = [:]
        var names: [String: Int] = [:]
    }

    /// Distinct addresses kept per interval; beyond, failures are tallied under "other".
    static let maxAddresses = 10_000
    /// Distinct routes and names kept per address (the rest are only counted).
    static let maxKeys = 32

    private let tallies = Mutex<[String: Tally]>([:])
    private let writer: AuditWriter
    private let interval: Duration
    private let failures: Counter

    public init(writer: AuditWriter, interval: Duration, factory: any MetricsFactory) {
        self.writer = writer
        self.interval = interval
        failures = Counter(label: "mgis_http_auth_failures_total", factory: factory)
    }

    /// Counts one refused request; `credentials` is false for one refused before its credentials
    /// were looked at (it is tallied for the auditor, not counted as an authentication failure).
    func note(
        address: String?, route: String, status: Int, name: String?, credentials: Bool = true, nowMillis: Int64 = WallClock.nowMillis()
    ) {
        if credentials { failures.increment() }
        tallies.withLock { tallies in
            var key = address ?? "unknown"
            if tallies[key] == nil, tallies.count >= Self.maxAddresses { key = "other" }
            var tally = tallies[key] ?? Tally(firstMillis: nowMillis, lastMillis: nowMillis)
            tally.count += 1
            tally.lastMillis = nowMillis
            tally.statuses[status, default: 0] += 1
            Self.bump(&tally.routes, route)
            if let name { Self.bump(&tally.names, name) }
            tallies[key] = tally
        }
    }

    /// Writes one entry per address for what was counted since the last flush.
    public func flush() {
        let taken = tallies.withLock { tallies in
            defer { tallies = [:] }
            return tallies
        }
        for (address, tally) in taken.sorted(by: { $0.key < $1.key }) {
            writer.enqueue(Self.event(address: address, tally))
        }
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            flush()
        }
        flush()
    }

    static func event(address: String, _ tally: Tally) -> AuditEvent {
        var details = [
            "failures": String(tally.count),
            "first": Timestamp.string(tally.firstMillis),
            "last": Timestamp.string(tally.lastMillis),
            "statuses": tally.statuses.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " "),
            "routes": top(tally.routes),
        ]
        if !tally.names.isEmpty { details["names"] = top(tally.names) }
        return AuditEvent(
            actor: nil, actorID: nil, roles: [], action: .authFailures, method: nil, route: nil, objectIDs: [], query: [:],
            status: nil, durationMillis: nil, clientAddress: address == "unknown" ? nil : address, outcome: .denied, details: details
        )
    }

    private static func bump(_ counts: inout [String: Int], _ key: String) {
        if counts[key] != nil || counts.count < maxKeys {
            counts[key, default: 0] += 1
        } else {
            counts["(other)", default: 0] += 1
        }
    }

    /// "a:3 b:1": the most frequent first, ten at most.
    private static func top(_ counts: [String: Int]) -> String {
        counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map { "\($0.key):\($0.value)" }.joined(separator: " ")
    }
}
