/// Why the hub ended a subscription.
public enum LiveFeedCloseReason: Sendable, Equatable {
    /// The client kept its queue overflowing for longer than `maxBehind` (WebSocket close code 4008).
    case tooSlow
    /// The subscription was cancelled: by its owner, by cancelling the task reading it, or because the hub stopped.
    case cancelled
}
