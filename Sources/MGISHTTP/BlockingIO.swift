import NIOPosix

/// Where the server runs work that blocks a thread: GRDB's synchronous store calls (from
/// handlers, the task desk's settling, directory refreshes), the register's transactions, bcrypt.
///
/// Swift's cooperative pool has one thread per core, two on the machines MGIS runs on. A handler
/// that sits in an fsync or a bcrypt round there stalls every WebSocket, TCP session and request
/// queued behind it, so such work goes to NIO's blocking-I/O thread pool and the handler waits
/// for it without holding a thread.
public enum BlockingIO {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive {
            ThreadPriority.lower(to: ThreadPriority.serving)
            return try work()
        }
    }
}
