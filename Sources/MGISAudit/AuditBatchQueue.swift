/// The writer's queue: events waiting to be committed, in arrival order, and the commit loop
/// waiting for them. A value type kept behind the writer's lock; methods that wake the loop
/// return its continuation so that it is resumed after the lock is released.
struct AuditBatchQueue {
    /// One event and, for `record`, the caller waiting for its commit.
    struct Item {
        var event: AuditEvent
        var waiter: CheckedContinuation<AuditReceipt, any Error>?
        /// Clock time of arrival; a batch closes `maxBatchDelay` after its oldest event.
        var arrival: Duration
    }

    enum Phase {
        /// Accepting and committing.
        case running
        /// Graceful shutdown: still accepting, committing without waiting for batches to fill.
        case draining
        /// `run()` has returned: refusing.
        case stopped
    }

    /// What the commit loop waits for.
    enum Wake {
        case nonEmpty
        case full
    }

    enum AppendResult {
        /// Queued; resume this continuation (the commit loop) if there is one.
        case queued(wake: CheckedContinuation<Void, Never>?)
        /// Not queued: the queue is at `maxQueued` (only for events without a waiter).
        case dropped
        /// Not queued: the writer has stopped.
        case stopped
    }

    let maxBatch: Int
    let maxQueued: Int
    private(set) var phase = Phase.running
    // Items before `head` are taken; compacted when that half is large, so taking a batch
    // from a long backlog does not move the whole array.
    private var items: [Item] = []
    private var head = 0
    private var parked: (wake: Wake, continuation: CheckedContinuation<Void, Never>)?

    init(maxBatch: Int, maxQueued: Int) {
        self.maxBatch = maxBatch
        self.maxQueued = maxQueued
    }

    var count: Int { items.count - head }

    var oldestArrival: Duration? { head < items.count ? items[head].arrival : nil }

    func isSatisfied(_ wake: Wake) -> Bool {
        if phase != .running { return true }
        switch wake {
        case .nonEmpty: return count > 0
        case .full: return count >= maxBatch
        }
    }

    mutating func append(_ item: Item) -> AppendResult {
        if phase == .stopped { return .stopped }
        if item.waiter == nil && count >= maxQueued { return .dropped }
        items.append(item)
        return .queued(wake: takeParked(ifSatisfied: true))
    }

    /// The next batch: up to `maxBatch` of the oldest items.
    mutating func take() -> [Item] {
        let end = min(items.count, head + maxBatch)
        let batch = Array(items[head..<end])
        head = end
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 4096 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return batch
    }

    /// Puts items of a failed batch back at the front, in their order.
    mutating func requeue(_ failed: [Item]) {
        guard !failed.isEmpty else { return }
        items.replaceSubrange(head..<head, with: failed)
    }

    /// Registers the commit loop's continuation; `false` if it must not wait (then the caller
    /// resumes it).
    mutating func park(_ wake: Wake, _ continuation: CheckedContinuation<Void, Never>) -> Bool {
        if isSatisfied(wake) { return false }
        parked = (wake, continuation)
        return true
    }

    /// Takes the parked continuation (on cancellation, or when its condition is met).
    mutating func takeParked(ifSatisfied: Bool = false) -> CheckedContinuation<Void, Never>? {
        guard let parked, !ifSatisfied || isSatisfied(parked.wake) else { return nil }
        self.parked = nil
        return parked.continuation
    }

    /// Enters graceful shutdown; wake the loop with the returned continuation.
    mutating func beginDraining() -> CheckedContinuation<Void, Never>? {
        if phase == .running { phase = .draining }
        return takeParked()
    }

    /// Refuses everything from now on; returns what was still queued.
    mutating func stop() -> [Item] {
        phase = .stopped
        let rest = Array(items[head...])
        items.removeAll()
        head = 0
        return rest
    }
}
