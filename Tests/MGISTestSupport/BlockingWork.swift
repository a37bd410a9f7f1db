import Foundation

/// Runs blocking work (sockets with timeouts, child processes) on a thread of its own, never on
/// Swift's cooperative pool: on a 2-core machine that pool has two threads, and an in-process
/// server under test needs them.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try body() })
        }.start()
    }
}
