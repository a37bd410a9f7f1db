public import Logging
public import MGISCore
public import ServiceLifecycle
import Synchronization

/// Records audit events with group commit: events from many callers are appended in arrival
/// order, many per transaction. A batch closes at `maxBatchEvents` events or `maxBatchDelay`
/// after its first event.
///
/// - `record(_:)` returns once the event is durably committed: await it before answering a
///   request that changed something. It throws if the log cannot be written.
/// - `enqueue(_:)` returns at once; the event is committed with the next batch (for reads).
/// - `isHealthy` is `false` from a failed commit until the next successful one: refuse changes
///   meanwhile (fail closed).
///
/// Run it as a `Service` (`run()`): on graceful shutdown it commits everything queued, signs a
/// final checkpoint, and returns; later calls to `record` throw `AuditError.Code.stopped`.
/// Events sent before `run()` starts wait for it.
public final class AuditWriter: Service, Sendable {
    /// The audit file it appends to (also for queries and proofs).
    public let store: AuditStore
    /// Batching, retries and checkpoints.
    public let configuration: AuditWriterConfiguration
    let signingKey: AuditSigningKey
    let logger: Logger
    let nowMillis: @Sendable () -> Int64
    private let clock: ElapsedClock
    private let queue: Mutex<AuditBatchQueue>
    private let healthy = Atomic<Bool>(true)
    private let dropped = Atomic<Int>(0)

    /// - Parameters:
    ///   - store: the audit file.
    ///   - signingKey: signs checkpoints (`AuditSigningKey.loadOrCreate(path:)`).
    ///   - configuration: batching, retries, checkpoints.
    ///   - logger: failures, recoveries and checkpoints are logged here.
    ///   - clock: times batches and retries; inject a test clock if needed.
    ///   - nowMillis: wall-clock time for checkpoints.
    public init(
        store: AuditStore,
        signingKey: AuditSigningKey,
        configuration: AuditWriterConfiguration = AuditWriterConfiguration(),
        logger: Logger,
        clock: some Clock<Duration> = ContinuousClock(),
        nowMillis: @escaping @Sendable () -> Int64 = WallClock.nowMillis
    ) {
        self.store = store
        self.signingKey = signingKey
        self.configuration = configuration
        self.logger = logger
        self.clock = ElapsedClock(clock)
        self.nowMillis = nowMillis
        queue = Mutex(AuditBatchQueue(maxBatch: configuration.maxBatchEvents, maxQueued: configuration.maxQueuedEvents))
    }

    /// Whether the last commit succeeded. When `false`, refuse requests that change data.
    public var isHealthy: Bool { healthy.load(ordering: .acquiring) }

    /// Events `enqueue` dropped because the queue was full (the log was unwritable too long).
    public var droppedEvents: Int { dropped.load(ordering: .relaxed) }

    /// The public key that verifies this writer's checkpoints.
    public var publicKey: AuditPublicKey { signingKey.publicKey }

    /// Records an event and returns once it is durably committed, in arrival order with all
    /// other events. Not cancellable: once called, the event is committed or the call throws.
    /// - Throws: `AuditError` `.unavailable` if its batch could not be written, `.stopped` if
    ///   the writer has stopped.
    @discardableResult
    public func record(_ event: AuditEvent) async throws -> AuditReceipt {
        let arrival = clock.elapsed()
        return try await withCheckedThrowingContinuation { continuation in
            let result = queue.withLock { $0.append(.init(event: event, waiter: continuation, arrival: arrival)) }
            switch result {
            case .queued(let wake): wake?.resume()
            case .stopped, .dropped: continuation.resume(throwing: AuditError(.stopped, "the audit writer has stopped"))
            }
        }
    }

    /// Queues an event to be committed with the next batch, without waiting. Dropped (and
    /// counted in `droppedEvents`) if `maxQueuedEvents` are already waiting or the writer has
    /// stopped.
    public func enqueue(_ event: AuditEvent) {
        let result = queue.withLock { $0.append(.init(event: event, waiter: nil, arrival: clock.elapsed())) }
        switch result {
        case .queued(let wake):
            wake?.resume()
        case .dropped, .stopped:
            let total = dropped.add(1, ordering: .relaxed).newValue
            if total == 1 || total.isMultiple(of: 1000) {
                logger.error("audit event dropped", metadata: ["audit.dropped": "\(total)", "audit.action": "\(event.action)"])
            }
        }
    }

    /// Commits batches until graceful shutdown (then drains the queue and signs a final
    /// checkpoint) or cancellation (then fails what is still queued). Commit failures do not
    /// end it: they show in `isHealthy` and in the callers' errors.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                if let interval = configuration.checkpointInterval {
                    group.addTask { await self.signPeriodically(every: interval) }
                }
                await self.commitLoop()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.queue.withLock { $0.beginDraining() }?.resume()
        }
        let graceful = queue.withLock { $0.phase == .draining }
        let unrecorded = queue.withLock { $0.stop() }
        if !unrecorded.isEmpty {
            logger.error("audit writer stopped before recording all events", metadata: ["audit.lost": "\(unrecorded.count)"])
        }
        for item in unrecorded {
            item.waiter?.resume(throwing: AuditError(.stopped, "the audit writer stopped before recording the event"))
        }
        if graceful && configuration.checkpointOnShutdown {
            do {
                try await checkpoint(onlyIfGrown: true)
            } catch {
                logger.error("audit checkpoint at shutdown failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Takes batches off the queue and commits them until drained or cancelled.
    private func commitLoop() async {
        while !Task.isCancelled {
            await wait(for: .nonEmpty)
            let (count, oldest, phase) = queue.withLock { ($0.count, $0.oldestArrival, $0.phase) }
            if count == 0 {
                if phase == .running { continue }
                return
            }
            if count < configuration.maxBatchEvents, phase == .running, let oldest {
                // Hold the batch open until it fills or its oldest event has waited long enough.
                let deadline = oldest + configuration.maxBatchDelay
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { try? await self.clock.sleepUntil(deadline) }
                    group.addTask { await self.wait(for: .full) }
                    await group.next()
                    group.cancelAll()
                }
            }
            let batch = queue.withLock { $0.take() }
            if !batch.isEmpty { await commit(batch) }
        }
    }

    private func commit(_ batch: [AuditBatchQueue.Item]) async {
        do {
            let receipts = try await store.append(batch.map(\.event))
            if !healthy.exchange(true, ordering: .acquiringAndReleasing) {
                logger.notice("audit log is writable again")
            }
            for (item, receipt) in zip(batch, receipts) {
                item.waiter?.resume(returning: receipt)
            }
        } catch {
            healthy.store(false, ordering: .releasing)
            logger.error(
                "audit commit failed; refusing changes until the log can be written",
                metadata: ["error.type": "\(type(of: error))", "error": "\(error)", "audit.batch": "\(batch.count)"]
            )
            let failure = AuditError(.unavailable, "the audit log cannot be written: \(error)")
            // Callers of record learn now (their change must not go ahead); enqueued events
            // go back to the front and are retried after a pause.
            for item in batch { item.waiter?.resume(throwing: failure) }
            queue.withLock { $0.requeue(batch.filter { $0.waiter == nil }) }
            try? await clock.sleep(for: configuration.retryDelay)
        }
    }

    /// Suspends until the queue satisfies `wake`, the writer shuts down, or the task is cancelled.
    private func wait(for wake: AuditBatchQueue.Wake) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Checked under the lock: a cancellation handler that ran before we parked
                // found nothing to resume, but has already set the flag.
                let parked = queue.withLock { $0.phase == .running && !Task.isCancelled && $0.park(wake, continuation) }
                if !parked { continuation.resume() }
            }
        } onCancel: {
            queue.withLock { $0.takeParked() }?.resume()
        }
    }

    private func signPeriodically(every interval: Duration) async {
        while !Task.isCancelled {
            do {
                try await clock.sleep(for: interval)
            } catch {
                return
            }
            do {
                try await checkpoint(onlyIfGrown: true)
            } catch is CancellationError {
                return  // shutting down: run() signs the final checkpoint
            } catch {
                logger.error("periodic audit checkpoint failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
