import Synchronization

/// One live-feed client: an async sequence of JSON text frames, the first of which is a snapshot.
///
/// Read it from one task with `for await frame in subscription`. The hub only ever appends to a
/// bounded queue, so a reader that falls behind never blocks the hub or other clients: past the
/// byte budget it is skipped ahead to the newest state, and if it stays behind for longer than
/// `LiveFeedConfiguration.maxBehind` the hub ends it with `closeReason == .tooSlow`.
public final class LiveFeedSubscription: Sendable, AsyncSequence {
    public typealias Element = String
    public typealias Failure = Never

    let id: Int
    private let hub: LiveFeedHub
    private let state: Mutex<FeedSubscriberState>

    init(id: Int, hub: LiveFeedHub, filter: FeedFilter, configuration: LiveFeedConfiguration) {
        self.id = id
        self.hub = hub
        state = Mutex(
            FeedSubscriberState(
                filter: filter,
                maxBufferedBytes: configuration.maxBufferedBytes,
                maxBehind: configuration.maxBehind
            )
        )
    }

    /// Reads the frames; iterate from one task at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Element = String
        public typealias Failure = Never

        let subscription: LiveFeedSubscription

        /// The next frame, waiting until one is queued; `nil` once the subscription has ended.
        ///
        /// Cancelling the reading task cancels the subscription.
        public mutating func next() async -> String? {
            await subscription.nextFrame()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(subscription: self)
    }

    /// Narrows or widens the feed; the next frame is a fresh snapshot under the new filter.
    public func updateFilter(_ filter: FeedFilter) {
        state.withLock { $0.restart(filter: filter) }?.resume()
    }

    /// Ends the sequence and unregisters from the hub. Calling it again does nothing.
    public func cancel() {
        end(.cancelled)
    }

    /// Why the subscription ended, or `nil` while it runs.
    public var closeReason: LiveFeedCloseReason? { state.withLock { $0.closeReason } }

    /// The filter in force.
    public var filter: FeedFilter { state.withLock { $0.filter } }

    /// Bytes of frames queued and not yet read (for tests and metrics).
    public var bufferedBytes: Int { state.withLock { $0.queuedBytes } }

    /// Frames queued and not yet read (for tests and metrics).
    public var bufferedFrames: Int { state.withLock { $0.queuedFrames } }

    // MARK: Hub side

    /// What a tick serialises for this subscriber, or `nil` once it has ended.
    var tickTarget: (filter: FeedFilter, generation: UInt64)? {
        state.withLock { state in state.closeReason == nil ? (state.filter, state.generation) : nil }
    }

    /// Queues a shared frame; returns `true` when this made the subscription end as too slow.
    func enqueue(_ text: String, bytes: Int, version: UInt64, generation: UInt64, now: Duration) -> Bool {
        let action = state.withLock {
            $0.enqueue(text, bytes: bytes, version: version, generation: generation, now: now)
        }
        switch action {
        case .none:
            return false
        case .resume(let waiter):
            waiter.resume()
            return false
        case .closed(let waiter):
            waiter?.resume()
            return true
        }
    }

    /// The directory changed: start over with a fresh snapshot under the same filter.
    func restart() {
        state.withLock { $0.restart(filter: $0.filter) }?.resume()
    }

    /// Ends the subscription with `reason` and unregisters it, unless it had already ended.
    func end(_ reason: LiveFeedCloseReason) {
        let (closed, waiter) = state.withLock { $0.close(reason) }
        waiter?.resume()
        if closed { hub.unregister(id) }
    }

    // MARK: Reader side

    func nextFrame() async -> String? {
        while true {
            if Task.isCancelled {
                cancel()
                return nil
            }
            switch state.withLock({ $0.next() }) {
            case .deliver(let frame):
                return frame
            case .finish:
                return nil
            case .buildSnapshot(let build):
                // Built here, on the reader's task, so its cost falls on this client alone.
                let (version, text) = hub.snapshotFrame(filter: build.filter)
                if let frame = state.withLock({ $0.completeSnapshot(build, text: text, version: version) }) {
                    return frame
                }
            case .buildCatchUp(let build, let since):
                let (version, text) = hub.catchUpFrame(filter: build.filter, since: since)
                if let frame = state.withLock({ $0.completeCatchUp(build, text: text, version: version) }) {
                    return frame
                }
            case .wait:
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        let parked = state.withLock { $0.park(continuation, cancelled: Task.isCancelled) }
                        if !parked { continuation.resume() }
                    }
                } onCancel: {
                    state.withLock { $0.takeWaiter() }?.resume()
                }
            }
        }
    }
}
