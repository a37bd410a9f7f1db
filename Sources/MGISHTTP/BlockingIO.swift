import NIOPosix

/// Where handlers run work that blocks a thread: GRDB's synchronous store calls, the task desk's
/// and the violation register's transactions, bcrypt.
///
/// Swift's cooperative pool has one thread per core, two on the machines MGIS runs on. A handler
/// that sits in an fsync or a bcrypt round there stalls every WebSocket, TCP session and request
/// queued behind it, so such work goes to NIO's blocking-I/O thread pool and the handler waits
/// for it without holding a thread.
enum BlockingIO {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
