import Synchronization

/// One live-feed client: an async sequence of JSON text frames, the first of which is a snapshot.
///
/// Read it with `for await frame in subscription`, normally from one task (if several read, each
/// frame goes to one of them). The hub only ever appends to a bounded queue, so a reader that
/// falls behind never blocks the hub or other clients: past the byte budget it is skipped ahead
/// to the newest state, and if it stays behind for longer than `LiveFeedConfiguration.maxBehind`
/// the hub ends it with `closeReason == .tooSlow`.
///
/// The hub ends a subscription only when a tick queues to it, so a writer stuck in a socket write
/// learns of `.tooSlow` when that write returns; bound socket writes with their own timeout.
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

    /// Reads the frames.
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

    /// An iterator over the frames; all iterators of one subscription share its queue.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(subscription: self)
    }

    /// Narrows or widens the feed; the next frame is a fresh snapshot under the new filter.
    public func updateFilter(_ filter: FeedFilter) {
        state.withLock { $0.restart(filter: filter) }.resume()
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
        let (closed, waiters) = state.withLock {
            $0.enqueue(text, bytes: bytes, version: version, generation: generation, now: now)
        }
        waiters.resume()
        return closed
    }

    /// Queues an event frame for this subscriber when its unit filter lets one of `units` through:
    /// the version of `perUnit` for the one unit its filter admits, if there is one, else `text`.
    func enqueueEvent(_ text: String, units: Set<String>, perUnit: [String: String] = [:]) {
        let waiters = state.withLock { state -> FeedSubscriberState.Waiters in
            var chosen = text
            if let allowed = state.filter.units {
                let admitted = allowed.intersection(units)
                if admitted.isEmpty { return FeedSubscriberState.Waiters() }
                if admitted.count == 1, let own = admitted.first.flatMap({ perUnit[$0] }) { chosen = own }
            }
            return state.enqueueEvent(chosen, bytes: chosen.utf8.count)
        }
        waiters.resume()
    }

    /// The directory changed: start over with a fresh snapshot under the same filter.
    /// Returns the parked readers for the caller to resume once it has released its own lock.
    func restart() -> FeedSubscriberState.Waiters {
        state.withLock { $0.restart(filter: $0.filter) }
    }

    /// Ends the subscription with `reason` and unregisters it, unless it had already ended.
    func end(_ reason: LiveFeedCloseReason) {
        let (closed, waiters) = state.withLock { $0.close(reason) }
        waiters.resume()
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
                    state.withLock { $0.takeWaiters() }.resume()
                }
            }
        }
    }
}
