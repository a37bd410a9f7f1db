public import CoreMetrics
public import MGISCore
import HTTPTypes
import Hummingbird
import NIOPosix
import Synchronization

/// The bounded pool where request handlers run heavy work: analyses, imports, exports, reports
/// and bcrypt.
///
/// Such work on Swift's cooperative pool would hold one of its threads (two on the machines MGIS
/// runs on) for seconds, and with it every request, WebSocket and timer queued behind. Here it
/// runs on `threads` threads of its own, fewer than the cores by default, so the rest of the
/// server always keeps a core. At most `threads + queue` pieces of work are admitted at once;
/// beyond that a request is refused at once with `503` and `Retry-After` (`busy`) instead of
/// waiting in a queue that grows with every impatient client.
public final class WorkerPool: Sendable {
    private let pool: NIOThreadPool
    private let capacity: Int
    private let admitted = Atomic<Int>(0)
    private let busy: Gauge
    private let refused: Counter
    private let cancelled: Counter

    public init(threads: Int, queue: Int, factory: any MetricsFactory = MetricsSystem.factory) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
        capacity = max(1, threads) + max(0, queue)
        busy = Gauge(label: "mgis_http_worker_admitted", factory: factory)
        refused = Counter(label: "mgis_http_worker_refused_total", factory: factory)
        cancelled = Counter(label: "mgis_http_worker_cancelled_total", factory: factory)
    }

    deinit {
        pool.shutdownGracefully { _ in }
    }

    /// Runs `work` on a worker thread, or throws `APIError.busy` when the pool is full.
    ///
    /// If the calling task is cancelled (the client hung up, see `Request.cancellingOnDisconnect`),
    /// `work`'s `CancellationCheck` fires, so the computation stops at its next check, and work
    /// still waiting for a thread never starts.
    public func run<T: Sendable>(_ work: @escaping @Sendable (CancellationCheck) throws -> T) async throws -> T {
        guard admit() else {
            refused.increment()
            throw APIError.busy
        }
        defer { release() }
        let flag = CancelledFlag()
        let check = CancellationCheck { flag.value.load(ordering: .relaxed) }
        do {
            return try await withTaskCancellationHandler {
                try await pool.runIfActive {
                    ThreadPriority.lower(to: ThreadPriority.worker)
                    try check.check()
                    return try work(check)
                }
            } onCancel: {
                flag.value.store(true, ordering: .relaxed)
            }
        } catch let error as CancellationError {
            cancelled.increment()
            throw error
        }
    }

    private func admit() -> Bool {
        let now = admitted.add(1, ordering: .relaxed).newValue
        if now > capacity {
            admitted.subtract(1, ordering: .relaxed)
            return false
        }
        busy.record(now)
        return true
    }

    private func release() {
        let now = admitted.subtract(1, ordering: .relaxed).newValue
        busy.record(now)
    }
}

/// Set once the request that asked for the work is gone.
private final class CancelledFlag: Sendable {
    let value = Atomic<Bool>(false)
}

extension APIError {
    /// The worker pool is full: try again shortly.
    static var busy: APIError {
        var error = APIError(
            .serviceUnavailable, "busy",
            "the server is busy with other heavy requests (analyses, imports, exports, reports, logins); retry in a few seconds"
        )
        error.headers[.retryAfter] = "2"
        return error
    }
}

extension WorkerPool {
    /// `run(_:)`, cancelled when the client closes its connection before the answer: nobody
    /// would read it. Only for requests whose body is unread (GET): Hummingbird watches the
    /// connection through the request's body stream.
    func run<T: Sendable>(
        cancellingWhenClientLeaves request: Request, _ work: @escaping @Sendable (CancellationCheck) throws -> T
    ) async throws -> T {
        guard request.method == .get || request.method == .head else { return try await run(work) }
        return try await request.body.consumeWithCancellationOnInboundClose { _ in try await self.run(work) }
    }
}
