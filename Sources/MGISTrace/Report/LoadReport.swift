/// Everything a load run measured, in the shape the HTML page and the JSON summary need.
///
/// The load tester fills it in at the end of a run (it owns the clocks and the histogram);
/// this type only derives figures and renders them, so the same report renders the same bytes.
public struct LoadReport: Hashable, Sendable, Codable {
    /// What the run was asked to do.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The server, e.g. `127.0.0.1:5055`.
        public var target: String
        public var devices: Int
        /// Fixes per second asked for across the fleet; `nil` for "as fast as possible".
        public var fixesPerSecond: Double?
        public var fixesPerDatagram: Int
        /// Seconds of sending new datagrams.
        public var durationSeconds: Double
        /// Free text for people, e.g. the trace replayed or the git revision.
        public var label: String

        public init(target: String, devices: Int, fixesPerSecond: Double?, fixesPerDatagram: Int, durationSeconds: Double, label: String = "") {
            self.target = target
            self.devices = devices
            self.fixesPerSecond = fixesPerSecond
            self.fixesPerDatagram = fixesPerDatagram
            self.durationSeconds = durationSeconds
            self.label = label
        }
    }

    /// Datagrams in one second of the run: sent for the first time, acknowledged, given up.
    public struct RateSample: Hashable, Sendable, Codable {
        /// Seconds since the run started (the sample covers `second ..< second + 1`).
        public var second: Int
        public var sent: Int
        public var acked: Int
        public var lost: Int

        public init(second: Int, sent: Int, acked: Int, lost: Int) {
            self.second = second
            self.sent = sent
            self.acked = acked
            self.lost = lost
        }
    }

    /// One histogram bucket: `count` ACK latencies at most `micros` (and above the previous
    /// bucket's value), as HdrHistogram's recorded-values iteration yields them.
    public struct LatencyBucket: Hashable, Sendable, Codable {
        public var micros: Int64
        public var count: Int

        public init(micros: Int64, count: Int) {
            self.micros = micros
            self.count = count
        }
    }

    /// Whole-run counts.
    public struct Totals: Hashable, Sendable, Codable {
        public var sent: Int
        public var acked: Int
        public var lost: Int
        public var retransmissions: Int

        public init(sent: Int, acked: Int, lost: Int, retransmissions: Int = 0) {
            self.sent = sent
            self.acked = acked
            self.lost = lost
            self.retransmissions = retransmissions
        }
    }

    public var parameters: Parameters
    /// One sample a second, in time order.
    public var rateSamples: [RateSample]
    /// Buckets in ascending `micros`, empty buckets left out.
    public var latencyBuckets: [LatencyBucket]
    public var totals: Totals

    /// - Parameter totals: the run's counts; by default the sums of `rateSamples`.
    public init(parameters: Parameters, rateSamples: [RateSample], latencyBuckets: [LatencyBucket], totals: Totals? = nil) {
        self.parameters = parameters
        self.rateSamples = rateSamples
        self.latencyBuckets = latencyBuckets.filter { $0.count > 0 }.sorted { $0.micros < $1.micros }
        self.totals = totals ?? Totals(
            sent: rateSamples.reduce(0) { $0 + $1.sent },
            acked: rateSamples.reduce(0) { $0 + $1.acked },
            lost: rateSamples.reduce(0) { $0 + $1.lost }
        )
    }

    /// The latency at or below which `basisPoints / 10 000` of the acknowledged datagrams fall
    /// (nearest rank: the smallest bucket whose cumulative count reaches the rank); `nil` when
    /// nothing was acknowledged. `percentileMicros(9_900)` is p99.
    public func percentileMicros(basisPoints: Int) -> Int64? {
        let total = latencyBuckets.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        let rank = max(1, (total * basisPoints + 9_999) / 10_000)
        var cumulative = 0
        for bucket in latencyBuckets {
            cumulative += bucket.count
            if cumulative >= rank { return bucket.micros }
        }
        return latencyBuckets.last?.micros
    }

    /// The figures `json()` prints and `LoadBounds` checks.
    public var summary: LoadSummary {
        let latency = percentileMicros(basisPoints: 5_000).map { p50 in
            LoadSummary.Latency(
                p50: p50,
                p90: percentileMicros(basisPoints: 9_000) ?? p50,
                p99: percentileMicros(basisPoints: 9_900) ?? p50,
                max: latencyBuckets.last?.micros ?? p50
            )
        }
        return LoadSummary(parameters: parameters, totals: totals, latencyMicros: latency)
    }

    /// The summary as one JSON object (see `LoadSummary` for the keys).
    public func json() -> String {
        summary.json()
    }
}
