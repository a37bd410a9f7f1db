public import NIOCore
import NIOPosix

/// The threads the ingest path runs on, and nothing else.
///
/// **The rule:** decoding, authentication, duplicate checks, batching, commits and ACKs of every
/// tracker listener (MTP/1 UDP, Teltonika UDP and TCP) run on these event loops, never on NIO's
/// shared singleton group (Hummingbird's HTTP connections) nor on Swift's global cooperative pool
/// (request handlers, the live feed, the task desk). That pool has one thread per core, two on
/// the machines MGIS runs on: when two analysts' requests held both, commits could not resume
/// and trackers went unanswered for seconds. Work a client can trigger never lands here: a
/// request handler that needs heavy CPU goes to the HTTP side's bounded worker pool instead.
///
/// Listener sockets are bound on `eventLoops`; each listener's `run()` executes inside
/// `run(_:)`, which makes `executor` the preferred executor of the task and all its child
/// tasks, so the commit loops and the TCP sessions resume here after every await.
public final class IngestThreads: Sendable {
    public let eventLoops: any EventLoopGroup
    public let executor: EventLoopTaskExecutor

    /// The process's ingest threads: as many event loops as cores (at least two), started on first use.
    public static let shared: IngestThreads = {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(2, System.coreCount))
        return IngestThreads(eventLoops: group)
    }()

    public init(eventLoops: any EventLoopGroup) {
        self.eventLoops = eventLoops
        self.executor = EventLoopTaskExecutor(loop: eventLoops.next())
    }

    /// Runs `body` with the ingest executor preferred by it and its child tasks.
    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(executor, operation: body)
    }
}
