/// How the live feed paces frames and when it gives up on a slow client.
public struct LiveFeedConfiguration: Sendable {
    /// How often the hub collects changes into `positions` frames; changes within one tick are coalesced.
    public var tick: Duration
    /// The most bytes of frames a client may have waiting; past it, it is skipped ahead to the newest state.
    public var maxBufferedBytes: Int
    /// How long a client may keep overflowing without draining before it is closed as too slow.
    public var maxBehind: Duration

    /// - Parameters:
    ///   - tick: how often the hub sends `positions` frames.
    ///   - maxBufferedBytes: byte budget of each client's queue of pending frames.
    ///   - maxBehind: how long a client may stay behind before it is closed.
    public init(
        tick: Duration = .milliseconds(100),
        maxBufferedBytes: Int = 1 << 20,
        maxBehind: Duration = .seconds(10)
    ) {
        self.tick = tick
        self.maxBufferedBytes = maxBufferedBytes
        self.maxBehind = maxBehind
    }
}
