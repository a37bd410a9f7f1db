/// The slow-client policy of one feed subscription, as a value-type state machine.
///
/// Every transition is a synchronous method called under the subscription's lock; each returns
/// what the caller must do after unlocking (resume the parked reader, build a frame). Frames
/// built for this subscriber alone (the snapshot and catch-ups) are built outside the lock by
/// the reader's own task, so a slow or large client never delays the hub's tick.
///
/// Versions are `LiveState` versions. A queued frame carries the version it brings the client
/// to; `deliveredVersion` is the version of the last frame handed to the reader. Because ticks
/// run one at a time and read changes contiguously, frames queued after a privately built
/// frame at version `v` continue exactly where it ended once those at or below `v` are dropped,
/// whether already queued or queued later by a tick that read its changes before `v`.
struct FeedSubscriberState {
    struct QueuedFrame {
        var text: String
        var bytes: Int
        var version: UInt64
    }

    /// What the reader builds outside the lock; it must match the state when it comes back.
    struct Build: Equatable {
        var filter: FeedFilter
        var generation: UInt64
        var overflows: UInt64
    }

    enum NextAction {
        case deliver(String)
        case finish
        case buildSnapshot(Build)
        case buildCatchUp(Build, since: UInt64)
        case wait
    }

    /// Parked readers, to be resumed after the lock is released. Usually one; if several tasks
    /// read one subscription, all are woken and each re-checks, so none is left waiting.
    struct Waiters {
        fileprivate(set) var continuations: [CheckedContinuation<Void, Never>] = []

        func resume() {
            for continuation in continuations { continuation.resume() }
        }
    }

    let maxBufferedBytes: Int
    let maxBehind: Duration

    private(set) var filter: FeedFilter
    /// Bumped by every filter or directory change: frames serialised for an older one are discarded.
    private(set) var generation: UInt64 = 0
    private(set) var needsSnapshot = true
    /// Queued frames were dropped since `deliveredVersion`: the next delivery is a catch-up.
    private(set) var behind = false
    private(set) var deliveredVersion: UInt64 = 0
    /// When the queue first overflowed since it last drained, on the hub's clock.
    private(set) var overflowSince: Duration?
    /// Overflows so far: a private build that saw one happen meanwhile leaves `behind` set.
    private(set) var overflows: UInt64 = 0
    private(set) var closeReason: LiveFeedCloseReason?
    private(set) var queuedBytes = 0

    private var queue: [QueuedFrame] = []
    private var head = 0
    private var waiters = Waiters()

    init(filter: FeedFilter, maxBufferedBytes: Int, maxBehind: Duration) {
        self.filter = filter
        self.maxBufferedBytes = maxBufferedBytes
        self.maxBehind = maxBehind
    }

    var queuedFrames: Int { queue.count - head }

    // MARK: Reader

    /// What the reader does next.
    mutating func next() -> NextAction {
        if closeReason != nil { return .finish }
        let build = Build(filter: filter, generation: generation, overflows: overflows)
        if needsSnapshot { return .buildSnapshot(build) }
        if behind { return .buildCatchUp(build, since: deliveredVersion) }
        guard head < queue.count else { return .wait }
        let frame = queue[head]
        head += 1
        queuedBytes -= frame.bytes
        deliveredVersion = frame.version
        compact()
        return .deliver(frame.text)
    }

    /// Takes a snapshot built for `build` at `version`; returns the frame to deliver, or `nil` to ask `next()` again.
    mutating func completeSnapshot(_ build: Build, text: String, version: UInt64) -> String? {
        // Another reader of the same subscription may have delivered one already.
        guard closeReason == nil, build.generation == generation, needsSnapshot else { return nil }
        needsSnapshot = false
        completePrivateFrame(build, version: version)
        return text
    }

    /// Takes a catch-up built for `build` at `version` (`nil` text: nothing changed); returns the frame to deliver.
    mutating func completeCatchUp(_ build: Build, text: String?, version: UInt64) -> String? {
        guard closeReason == nil, build.generation == generation, !needsSnapshot, behind else { return nil }
        completePrivateFrame(build, version: version)
        return text
    }

    /// Parks the reader until there is something to do; returns `false` when it must not wait.
    mutating func park(_ continuation: CheckedContinuation<Void, Never>, cancelled: Bool) -> Bool {
        if cancelled || closeReason != nil || needsSnapshot || behind || head < queue.count { return false }
        waiters.continuations.append(continuation)
        return true
    }

    /// The parked readers, to be resumed (used when a reading task is cancelled).
    mutating func takeWaiters() -> Waiters {
        defer { waiters = Waiters() }
        return waiters
    }

    // MARK: Hub

    /// Queues a shared frame serialised for `generation`, applying the byte budget; `closed` is
    /// `true` when this ended the subscription as too slow.
    mutating func enqueue(
        _ text: String,
        bytes: Int,
        version: UInt64,
        generation: UInt64,
        now: Duration
    ) -> (closed: Bool, waiters: Waiters) {
        guard closeReason == nil, generation == self.generation else { return (false, Waiters()) }
        // A tick that read the changes before a private frame was built may queue after it is delivered.
        guard version > deliveredVersion else { return (false, Waiters()) }
        if queuedBytes + bytes > maxBufferedBytes {
            // Skip ahead: the catch-up built at the next read holds the newest state, this frame's included.
            overflows &+= 1
            dropAll()
            behind = true
            if let since = overflowSince {
                if now - since > maxBehind {
                    closeReason = .tooSlow
                    return (true, takeWaiters())
                }
            } else {
                overflowSince = now
            }
        } else {
            queue.append(QueuedFrame(text: text, bytes: bytes, version: version))
            queuedBytes += bytes
        }
        return (false, takeWaiters())
    }

    /// Queues an event frame (`task`, `alert`): not part of the positions' version order, so it
    /// takes the version of what is already queued or delivered and never makes a reader skip.
    /// Dropped when the client is already behind or over its buffer: events are notifications,
    /// and the API holds the state they announce.
    mutating func enqueueEvent(_ text: String, bytes: Int) -> Waiters {
        guard closeReason == nil, !behind, queuedBytes + bytes <= maxBufferedBytes else { return Waiters() }
        queue.append(QueuedFrame(text: text, bytes: bytes, version: queue.last?.version ?? deliveredVersion))
        queuedBytes += bytes
        return takeWaiters()
    }

    /// Starts over under `filter`: the queued frames are discarded and the next frame is a fresh snapshot.
    ///
    /// `overflowSince` is kept: a client that keeps changing its filter without reading is still too slow.
    mutating func restart(filter: FeedFilter) -> Waiters {
        guard closeReason == nil else { return Waiters() }
        self.filter = filter
        generation &+= 1
        needsSnapshot = true
        behind = false
        dropAll()
        return takeWaiters()
    }

    /// Ends the subscription; returns `false` when it had already ended.
    mutating func close(_ reason: LiveFeedCloseReason) -> (closed: Bool, waiters: Waiters) {
        guard closeReason == nil else { return (false, Waiters()) }
        closeReason = reason
        dropAll()
        return (true, takeWaiters())
    }

    // MARK: Queue

    private mutating func completePrivateFrame(_ build: Build, version: UInt64) {
        deliveredVersion = max(deliveredVersion, version)
        // Frames up to `version` are already in the frame just built.
        while head < queue.count, queue[head].version <= version {
            queuedBytes -= queue[head].bytes
            head += 1
        }
        // An overflow while building dropped frames that may be newer than `version`.
        behind = overflows != build.overflows
        compact()
    }

    private mutating func dropAll() {
        queue.removeAll(keepingCapacity: true)
        head = 0
        queuedBytes = 0
    }

    /// Forgets delivered frames; clears the overflow clock once the reader has drained the queue.
    private mutating func compact() {
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
            if !behind { overflowSince = nil }
        } else if head >= 64, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }
}
