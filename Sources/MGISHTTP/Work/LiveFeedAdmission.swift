import Synchronization

/// The live feed's per-token connection cap: a leaked wall-display token cannot open thousands
/// of feeds, each with its own frames to build and send.
final class LiveFeedConnections: Sendable {
    private let open = Mutex<[Int64: Int]>([:])
    let maximumPerToken: Int

    init(maximumPerToken: Int) {
        self.maximumPerToken = max(1, maximumPerToken)
    }

    /// Counts one more connection of `tokenID`, or returns false when it has its maximum open.
    func reserve(tokenID: Int64) -> Bool {
        open.withLock { open in
            guard open[tokenID, default: 0] < maximumPerToken else { return false }
            open[tokenID, default: 0] += 1
            return true
        }
    }

    func release(tokenID: Int64) {
        open.withLock { open in
            let left = open[tokenID, default: 1] - 1
            open[tokenID] = left > 0 ? left : nil
        }
    }
}

/// At most `limit` messages per one-second window: how often one live-feed connection may
/// change its subscription (each change re-filters and resends a snapshot).
struct MessageRateWindow {
    let limit: Int
    private var windowStart: ContinuousClock.Instant
    private var count = 0

    init(limit: Int, now: ContinuousClock.Instant = .now) {
        self.limit = max(1, limit)
        self.windowStart = now
    }

    enum Verdict: Equatable {
        case allowed
        /// Over the limit; `firstInWindow` is true for the first refusal of the window only, so the
        /// client hears about it once rather than once per message.
        case refused(firstInWindow: Bool)
    }

    mutating func note(at now: ContinuousClock.Instant = .now) -> Verdict {
        if now - windowStart >= .seconds(1) {
            windowStart = now
            count = 0
        }
        count += 1
        return count <= limit ? .allowed : .refused(firstInWindow: count == limit + 1)
    }
}

/// New live-feed connections per client address: a token bucket of `burst` connections that
/// refills at `perSecond`. Every new feed costs a full snapshot (all units, hundreds of KB); a
/// client reconnecting in a loop would otherwise make the server build and send them without
/// end. The burst lets a control room's screens behind one address all reconnect at once after
/// a network blip.
public final class LiveFeedConnectRate: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    public let perSecond: Double
    public let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(perSecond: Int, burst: Int) {
        self.perSecond = Double(max(1, perSecond))
        self.burst = Double(max(1, burst))
    }

    /// Takes one connection from `address`'s bucket, or returns false when it is empty.
    public func admit(_ address: String, now: ContinuousClock.Instant = .now) -> Bool {
        buckets.withLock { buckets in
            if buckets.count > 10_000 { buckets.removeAll() }
            var bucket = buckets[address] ?? Bucket(tokens: burst, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[address] = bucket
                return false
            }
            bucket.tokens -= 1
            buckets[address] = bucket
            return true
        }
    }
}
