import CoreMetrics
import MGISCore
import MGISProtocol
import MGISStore
import NIOCore

/// Decodes and authenticates MTP/1 datagrams on the event loop and gathers them into batches.
///
/// Runs on the UDP channel's one event loop; all its state belongs to that loop. It never
/// writes to the channel itself: every reply waits in the batch until the commit loop has
/// committed the batch (see `UDPIngestService`). Refused datagrams get no reply at all.
final class MTPIngestHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    /// Limits of one batch and the guards of the ingest path.
    struct Configuration: Sendable {
        /// A batch is handed to the writer once it holds this many fixes...
        var maxBatchFixes: Int
        /// ... or this long after its first datagram arrived.
        var maxBatchDelay: TimeAmount
        /// Batches waiting for the writer beyond which new datagrams are dropped unanswered
        /// (the tracker retransmits), so memory stays bounded when the disk falls behind.
        var maxPendingBatches: Int
        /// A fix further than this in the future makes the datagram unacceptable (status 2).
        var maxFutureMillis: Int64
        /// Datagrams remembered per device for duplicate detection.
        var duplicateWindow: Int
    }

    private let configuration: Configuration
    private let metrics: IngestMetrics
    private let sink: AsyncStream<IngestBatch>.Continuation
    private let inFlight: InFlightBatches
    private let nowMillis: @Sendable () -> Int64
    private var registry: DeviceRegistry
    private var window: DuplicateWindow
    private var batch = IngestBatch()
    private var pending = PendingDatagrams()
    private var scheduledFlush: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(
        configuration: Configuration,
        registry: DeviceRegistry,
        window: DuplicateWindow,
        metrics: IngestMetrics,
        sink: AsyncStream<IngestBatch>.Continuation,
        inFlight: InFlightBatches,
        nowMillis: @escaping @Sendable () -> Int64
    ) {
        self.configuration = configuration
        self.registry = registry
        self.window = window
        self.metrics = metrics
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
        metrics.received.increment()
        if inFlight.value >= configuration.maxPendingBatches {
            metrics.refuse("overload")
            return
        }
        let outcome = envelope.data.withUnsafeReadableBytes { classify($0) }
        switch outcome {
        case .refused(let reason):
            metrics.refuse(reason)
        case .accepted(let header, let fixes, let authenticator, let device):
            admit(header: header, fixes: fixes, authenticator: authenticator, device: device, from: envelope.remoteAddress)
        }
    }

    /// Replaces the registry (devices added, disabled or re-keyed while running).
    func updateRegistry(_ registry: DeviceRegistry) {
        self.registry = registry
    }

    /// Forgets the datagrams of a batch whose commit failed, so their retransmissions are stored.
    func forget(_ failed: IngestBatch) {
        for datagram in failed.datagrams {
            window.forget(device: datagram.device.rawValue, seq: datagram.seq, tag: datagram.tag)
        }
        pending.remove(failed.datagrams)
    }

    /// A batch is durably committed: retransmissions of its datagrams are now plain duplicates.
    func committed(_ batch: IngestBatch) {
        pending.remove(batch.datagrams)
    }

    /// Hands the current batch to the writer now (shutdown, tests).
    func flush() {
        scheduledFlush?.cancel()
        scheduledFlush = nil
        guard !batch.isEmpty else { return }
        let ready = batch
        batch = IngestBatch()
        inFlight.increment()
        sink.yield(ready)
    }

    /// Flushes and ends the batch stream: no batch follows.
    func finish() {
        flush()
        sink.finish()
    }

    private enum Outcome {
        case refused(String)
        case accepted(MTPHeader, [Fix], MTPAuthenticator, DeviceID)
    }

    /// Structure first (no key needed), then the device, then the tag, then the records.
    private func classify(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        do {
            let header = try MTPCodec.parseHeader(bytes)
            guard let entry = registry[header.device], let authenticator = entry.authenticator else {
                return .refused("unknown_device")
            }
            guard entry.enabled else { return .refused("disabled_device") }
            try MTPCodec.verifyTag(bytes, header: header, authenticator: authenticator)
            let fixes = try MTPCodec.decodeRecords(bytes, header: header)
            return .accepted(header, fixes, authenticator, entry.id)
        } catch {
            return .refused(error.reason)
        }
    }

    private func admit(header: MTPHeader, fixes: [Fix], authenticator: MTPAuthenticator, device: DeviceID, from address: SocketAddress) {
        metrics.accepted.increment()
        let now = nowMillis()
        var reply = IngestBatch.Reply(
            address: address, device: header.device, seq: header.seq, tag: header.tag,
            status: .stored, authenticator: authenticator, datagramIndex: nil
        )
        if fixes.contains(where: { $0.timeMillis > now + configuration.maxFutureMillis }) {
            metrics.futureRefused.increment()
            reply.status = .refused
        } else {
            let verdict = window.admit(device: header.device, seq: header.seq, tag: header.tag)
            if verdict == .duplicate, pending.contains(device: header.device, seq: header.seq, tag: header.tag) {
                // The original is not committed yet: no answer (see PendingDatagrams).
                metrics.duplicates.increment()
                return
            } else if verdict == .duplicate {
                metrics.duplicates.increment()
                reply.status = .duplicate
            } else if !fixes.isEmpty {
                pending.insert(device: header.device, seq: header.seq, tag: header.tag)
                // A heartbeat (no fixes) stores nothing and is acknowledged with the batch.
                reply.datagramIndex = batch.datagrams.count
                if verdict == .checkStore { batch.checkStored.insert(batch.datagrams.count) }
                batch.datagrams.append(
                    StoredDatagram(device: device, seq: header.seq, tag: header.tag, receivedMillis: now, fixes: fixes)
                )
                batch.fixCount += fixes.count
            }
        }
        let wasEmpty = batch.isEmpty
        batch.replies.append(reply)
        if batch.fixCount >= configuration.maxBatchFixes || batch.replies.count >= configuration.maxBatchFixes {
            flush()
        } else if wasEmpty, let context {
            scheduledFlush = context.eventLoop.assumeIsolated().scheduleTask(in: configuration.maxBatchDelay) { [weak self] in
                self?.flush()
            }
        }
    }
}

@available(*, unavailable)
extension MTPIngestHandler: Sendable {}
