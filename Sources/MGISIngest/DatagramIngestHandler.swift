import CoreMetrics
import MGISCore
import MGISStore
import NIOCore

/// The UDP channel handler of one wire: carries out what its `DatagramIngestStateMachine`
/// decides about each datagram, and hands full batches to the commit loop of
/// `DatagramIngestService`.
///
/// Runs on the UDP channel's one event loop (an ingest thread, see `IngestThreads`); all its
/// state belongs to that loop. It never writes to the channel itself: every reply waits in the
/// batch until the commit loop has committed the batch. Refused datagrams (malformed,
/// unauthenticated, unknown or disabled device, overload) get no reply at all.
final class DatagramIngestHandler<Wire: DatagramWire>: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias Batch = DatagramBatch<Wire.Reply>
    typealias Configuration = DatagramIngestStateMachine<Wire>.Configuration

    private var machine: DatagramIngestStateMachine<Wire>
    private let sink: AsyncStream<Batch>.Continuation
    private let inFlight: InFlightBatches
    private let nowMillis: @Sendable () -> Int64
    private var scheduledFlush: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(
        wire: Wire,
        configuration: Configuration,
        registry: Wire.Registry,
        window: DuplicateWindow,
        sink: AsyncStream<Batch>.Continuation,
        inFlight: InFlightBatches,
        nowMillis: @escaping @Sendable () -> Int64
    ) {
        machine = DatagramIngestStateMachine(wire: wire, configuration: configuration, registry: registry, window: window)
        self.sink = sink
        self.inFlight = inFlight
        self.nowMillis = nowMillis
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        scheduledFlush?.cancel()
    }

    /// The socket is gone (at shutdown, or on its own): hand over what is batched and end the
    /// stream, so the service's commit loop drains it and returns instead of waiting for ever.
    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let metrics = machine.wire.metrics
        metrics.received.increment()
        let (inFlight, clock) = (self.inFlight.value, nowMillis)
        let decision = envelope.data.withUnsafeReadableBytes { bytes in
            machine.receive(bytes, from: envelope.remoteAddress, batchesInFlight: inFlight, nowMillis: clock)
        }
        switch decision.action {
        case .drop(let reason):
            metrics.refuse(reason)
        case .hold, .answer(.duplicate):
            metrics.accepted.increment()
            metrics.duplicates.increment()
        case .answer(.unacceptable):
            metrics.accepted.increment()
            metrics.unacceptable.increment()
        case .answer(.heartbeat), .append:
            metrics.accepted.increment()
        }
        switch decision.flush {
        case .none: break
        case .startTimer: scheduleFlush()
        case .now: flush()
        }
    }

    /// Replaces the registry (devices added, disabled or re-keyed while running).
    func updateRegistry(_ registry: Wire.Registry) {
        machine.updateRegistry(registry)
    }

    /// Forgets the datagrams of a batch whose commit failed, so their retransmissions are stored.
    func forget(_ failed: Batch) {
        machine.failed(failed)
    }

    /// A batch is durably committed: retransmissions of its datagrams are now plain duplicates.
    func committed(_ batch: Batch) {
        machine.committed(batch)
    }

    /// Hands the current batch to the writer now (shutdown, tests).
    func flush() {
        scheduledFlush?.cancel()
        scheduledFlush = nil
        guard let ready = machine.takeBatch() else { return }
        inFlight.increment()
        sink.yield(ready)
    }

    /// Flushes and ends the batch stream: no batch follows.
    func finish() {
        flush()
        sink.finish()
    }

    /// Starts the batch's delay when its first entry arrives.
    private func scheduleFlush() {
        guard let context else { return }
        scheduledFlush = context.eventLoop.assumeIsolated().scheduleTask(in: machine.configuration.maxBatchDelay) { [weak self] in
            self?.flush()
        }
    }
}

@available(*, unavailable)
extension DatagramIngestHandler: Sendable {}

extension DatagramIngestHandler {
    /// Runs `body` with the ingest handler of `channel` on the channel's event loop, which owns
    /// the handler's state; does nothing once the handler is gone.
    static func execute(on channel: any Channel, _ body: @escaping @Sendable (DatagramIngestHandler) -> Void) {
        channel.eventLoop.execute {
            if let handler = try? channel.pipeline.syncOperations.handler(type: DatagramIngestHandler.self) {
                body(handler)
            }
        }
    }
}
