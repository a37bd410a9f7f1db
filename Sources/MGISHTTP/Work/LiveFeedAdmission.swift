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
