import Synchronization

/// Counts batches handed to the writer and not yet committed, shared by the event loop (which
/// refuses new datagrams when too many are waiting) and the commit loop.
final class InFlightBatches: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { count.load(ordering: .relaxed) }

    func increment() { count.add(1, ordering: .relaxed) }

    func decrement() { count.subtract(1, ordering: .relaxed) }
}
