import CoreMetrics
import MGISCore
import MGISStore
import NIOCore

/// Decodes datagrams of one wire on the event loop and gathers them into batches for the
/// commit loop of `DatagramIngestService`.
///
/// Runs on the UDP channel's one event loop; all its state belongs to that loop. It never writes
/// to the channel itself: every reply waits in the batch until the commit loop has committed the
/// batch. Refused datagrams (malformed, unauthenticated, unknown or disabled device, overload)
/// get no reply at all.
final class DatagramIngestHandler<Wire: DatagramWire>: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias Batch = DatagramBatch<Wire.Reply>

    /// Limits of one batch and the guards of the ingest path.
    struct Configuration: Sendable {
        /// A batch is handed to the writer once it holds this many fixes or replies...
        var maxBatchFixes: Int
        /// ... or this long after its first datagram arrived.
        var maxBatchDelay: TimeAmount
        /// Batches waiting for the writer beyond which new datagrams are dropped unanswered
        /// (the tracker retransmits), so memory stays bounded when the disk falls behind.
        var maxPendingBatches: Int
        /// A fix further than this in the future makes the datagram unacceptable.
        var maxFutureMillis: Int64
    }

    private let wire: Wire
    private let configuration: Configuration
    private let sink: AsyncStream<Batch>.Continuation
    private let inFlight: InFlightBatches
    private let nowMillis: @Sendable () -> Int64
    private var registry: Wire.Registry
    private var window: DuplicateWindow
    private var batch = Batch()
    private var pending = PendingDatagrams()
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
        self.wire = wire
        self.configuration = configuration
        self.registry = registry
        self.window = window
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
        wire.metrics.received.increment()
        if inFlight.value >= configuration.maxPendingBatches {
            wire.metrics.refuse("overload")
            return
        }
        let registry = self.registry
        switch envelope.data.withUnsafeReadableBytes({ wire.classify($0, registry: registry) }) {
        case .accepted(let datagram):
            admit(datagram, from: envelope.remoteAddress)
        case .refused(let reason):
            wire.metrics.refuse(reason)
        case .unregistered(let reason, let imei):
            wire.metrics.refuse(reason)
            noteUnknown(imei)
        }
    }

    /// Replaces the registry (devices added, disabled or re-keyed while running).
    func updateRegistry(_ registry: Wire.Registry) {
        self.registry = registry
    }

    /// Forgets the datagrams of a batch whose commit failed, so their retransmissions are stored.
    func forget(_ failed: Batch) {
        for datagram in failed.datagrams {
            window.forget(device: datagram.device.rawValue, seq: datagram.seq, tag: datagram.tag)
        }
        pending.remove(failed.datagrams)
    }

    /// A batch is durably committed: retransmissions of its datagrams are now plain duplicates.
    func committed(_ batch: Batch) {
        pending.remove(batch.datagrams)
    }

    /// Hands the current batch to the writer now (shutdown, tests).
    func flush() {
        scheduledFlush?.cancel()
        scheduledFlush = nil
        guard !batch.isEmpty else { return }
        let ready = batch
        batch = Batch()
        inFlight.increment()
        sink.yield(ready)
    }

    /// Flushes and ends the batch stream: no batch follows.
    func finish() {
        flush()
        sink.finish()
    }

    private func noteUnknown(_ imei: String) {
        let wasEmpty = batch.isEmpty
        if batch.noteUnknown(imei, atMillis: nowMillis()) {
            scheduleFlush(wasEmpty: wasEmpty)
        }
    }

    /// The wire's acceptance rule first, then the duplicate window, then the batch.
    private func admit(_ datagram: DecodedDatagram<Wire.Reply>, from address: SocketAddress) {
        wire.metrics.accepted.increment()
        let now = nowMillis()
        var owed = Batch.OwedReply(address: address, reply: datagram.reply, datagramIndex: nil)
        if let refusal = wire.unacceptableReply(to: datagram, nowMillis: now, maxFutureMillis: configuration.maxFutureMillis) {
            wire.metrics.unacceptable.increment()
            owed.reply = refusal
        } else {
            let (device, seq, tag) = (datagram.device.rawValue, datagram.seq, datagram.tag)
            let verdict = window.admit(device: device, seq: seq, tag: tag)
            if verdict == .duplicate, pending.contains(device: device, seq: seq, tag: tag) {
                // The original is not committed yet: no answer (see PendingDatagrams).
                wire.metrics.duplicates.increment()
                return
            } else if verdict == .duplicate {
                wire.metrics.duplicates.increment()
                owed.reply = wire.duplicateReply(datagram.reply)
            } else if !datagram.fixes.isEmpty {
                // A datagram without fixes (a heartbeat) stores nothing and is answered with the batch.
                pending.insert(device: device, seq: seq, tag: tag)
                let stored = StoredDatagram(
                    device: datagram.device, seq: seq, tag: tag, receivedMillis: now, fixes: datagram.fixes
                )
                owed.datagramIndex = batch.append(stored, checkStore: verdict == .checkStore)
            }
        }
        let wasEmpty = batch.isEmpty
        batch.replies.append(owed)
        if batch.fixCount >= configuration.maxBatchFixes || batch.replies.count >= configuration.maxBatchFixes {
            flush()
        } else {
            scheduleFlush(wasEmpty: wasEmpty)
        }
    }

    /// Starts the batch's delay when its first entry arrives.
    private func scheduleFlush(wasEmpty: Bool) {
        guard wasEmpty, let context else { return }
        scheduledFlush = context.eventLoop.assumeIsolated().scheduleTask(in: configuration.maxBatchDelay) { [weak self] in
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
