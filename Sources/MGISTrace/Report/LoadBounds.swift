/// Limits a run must stay within, for a CI gate: any violation means a non-zero exit.
public struct LoadBounds: Hashable, Sendable {
    /// Largest acceptable `lost / sent`, e.g. 0 or 0.001.
    public var maxLossFraction: Double?
    /// Largest acceptable p99 ACK latency. A run that acknowledged nothing violates it, since
    /// it proves nothing about latency.
    public var maxP99Micros: Int64?

    public init(maxLossFraction: Double? = nil, maxP99Micros: Int64? = nil) {
        self.maxLossFraction = maxLossFraction
        self.maxP99Micros = maxP99Micros
    }

    /// One sentence per bound `summary` breaks; empty when it meets all of them.
    public func violations(of summary: LoadSummary) -> [String] {
        var found: [String] = []
        if let maxLossFraction, summary.lossFraction > maxLossFraction {
            found.append("loss \(summary.lost) of \(summary.sent) datagrams (\(summary.lossFraction)) exceeds the bound \(maxLossFraction)")
        }
        if let maxP99Micros {
            if let latency = summary.latencyMicros {
                if latency.p99 > maxP99Micros {
                    found.append("p99 ACK latency \(latency.p99) µs exceeds the bound \(maxP99Micros) µs")
                }
            } else {
                found.append("no datagram was acknowledged, so p99 ACK latency cannot meet the bound \(maxP99Micros) µs")
            }
        }
        return found
    }
}
