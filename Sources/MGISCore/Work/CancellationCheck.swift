/// How a long computation learns that nobody waits for its result any more (the client hung up).
///
/// The analyses are plain synchronous code running on a worker thread, outside any Swift task,
/// so they cannot see task cancellation themselves; they call `check()` every few thousand
/// steps instead, and stop by throwing `CancellationError`.
public struct CancellationCheck: Sendable {
    private let isCancelled: @Sendable () -> Bool

    public init(_ isCancelled: @escaping @Sendable () -> Bool) {
        self.isCancelled = isCancelled
    }

    /// A computation nobody cancels (tests, command-line tools).
    public static let never = CancellationCheck { false }

    /// Throws `CancellationError` once the computation has been cancelled.
    public func check() throws {
        if isCancelled() { throw CancellationError() }
    }
}
