import CoreMetrics
import Crypto
import MGISCore
import MGISProtocol
import MGISStore
import NIOCore

/// Decodes Teltonika UDP datagrams (Codec 8 / 8E) on the event loop and gathers them into batches.
///
/// Like `MTPIngestHandler`: its state belongs to the channel's event loop, it never writes to
/// the channel (ACKs wait in the batch until the commit loop has committed it), and refused
/// datagrams (malformed, unknown or disabled IMEI, overload) get no reply at all.
///
/// Records more than `maxFutureMillis` ahead of the clock: the Teltonika ACK carries no status,
/// only a count of accepted records, so such a packet is not stored and is acknowledged with 0
/// accepted records (the tracker keeps the records and resends them later).
///
/// Duplicates: the AVL packet id is the sequence number and the first 8 bytes of the SHA-256 of
/// the AVL data the tag, in the same `DuplicateWindow` as MTP/1 (keyed by device id). A
/// retransmission is acknowledged with its record count and stored nothing twice.
final class TeltonikaIngestHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    struct Configuration: Sendable {
        var maxBatchFixes: Int
        var maxBatchDelay: TimeAmount
        var maxPendingBatches: Int
        var maxFutureMillis: Int64
    }

    private let configuration: Configuration
    private let metrics: TeltonikaMetrics
    private let sink: AsyncStream<TeltonikaBatch>.Continuation
    private let inFlight: InFlightBatches
    private let nowMillis: @Sendable () -> Int64
    private var registry: TeltonikaRegistry
    private var window: DuplicateWindow
    private var batch = TeltonikaBatch()
    private var pending = PendingDatagrams()
    private var scheduledFlush: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(
        configuration: Configuration,
        registry: TeltonikaRegistry,
        window: DuplicateWindow,
        metrics: TeltonikaMetrics,
        sink: AsyncStream<TeltonikaBatch>.Continuation,
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
        let decoded: (packet: TeltonikaUDPPacket, tag: UInt64)
        do {
            decoded = try envelope.data.withUnsafeReadableBytes { bytes throws(TeltonikaError) in
                let packet = try TeltonikaCodec.decodeUDP(bytes)
                return (packet, Self.tag(bytes))
            }
        } catch {
            metrics.refuse(error.reason)
            return
        }
        let packet = decoded.packet
        guard let entry = registry[packet.imei] else {
            metrics.refuse("unknown_imei")
            noteUnknown(packet.imei)
            return
        }
        guard entry.enabled else {
            metrics.refuse("disabled_imei")
            return
        }
        admit(packet, tag: decoded.tag, device: entry.id, from: envelope.remoteAddress)
    }

    /// First 8 bytes, big-endian, of the SHA-256 of the AVL data (everything after the IMEI).
    private static func tag(_ datagram: UnsafeRawBufferPointer) -> UInt64 {
        let start = TeltonikaLayout.udpHeaderLength + TeltonikaLayout.imeiLength
        var hasher = SHA256()
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: datagram[start...]))
        let digest = hasher.finalize()
        return digest.withUnsafeBytes { digestBytes in
            digestBytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
    }

    func updateRegistry(_ registry: TeltonikaRegistry) {
        self.registry = registry
    }

    /// Forgets the datagrams of a batch whose commit failed, so their retransmissions are stored.
    func forget(_ failed: TeltonikaBatch) {
        for datagram in failed.datagrams {
            window.forget(device: datagram.device.rawValue, seq: datagram.seq, tag: datagram.tag)
        }
        pending.remove(failed.datagrams)
    }

    /// A batch is durably committed: retransmissions of its packets are now plain duplicates.
    func committed(_ batch: TeltonikaBatch) {
        pending.remove(batch.datagrams)
    }

    func flush() {
        scheduledFlush?.cancel()
        scheduledFlush = nil
        guard !batch.isEmpty else { return }
        let ready = batch
        batch = TeltonikaBatch()
        inFlight.increment()
        sink.yield(ready)
    }

    func finish() {
        flush()
        sink.finish()
    }

    /// Distinct unregistered IMEIs recorded per batch.
    static let maxUnknownPerBatch = 64

    private func noteUnknown(_ imei: String) {
        let now = nowMillis()
        let wasEmpty = batch.isEmpty
        if var sighting = batch.unknown[imei] {
            sighting.packets += 1
            sighting.lastMillis = max(sighting.lastMillis, now)
            batch.unknown[imei] = sighting
        } else if batch.unknown.count >= Self.maxUnknownPerBatch {
            // Teltonika packets carry no authentication: a flood of made-up IMEIs must not turn
            // every batch into a large write; beyond this many per batch they are only counted.
            return
        } else {
            batch.unknown[imei] = UnknownIMEI(imei: imei, firstMillis: now, lastMillis: now, packets: 1)
        }
        scheduleFlush(wasEmpty: wasEmpty)
    }

    private func admit(_ packet: TeltonikaUDPPacket, tag: UInt64, device: DeviceID, from address: SocketAddress) {
        metrics.accepted.increment()
        let now = nowMillis()
        let records = packet.avl.records
        var reply = TeltonikaBatch.Reply(
            address: address, packetID: packet.packetID, avlPacketID: packet.avlPacketID,
            acceptedRecords: UInt8(records.count), datagramIndex: nil
        )
        let fixes = records.map(\.fix)
        if !TeltonikaAcceptance.isAcceptable(fixes, nowMillis: now, maxFutureMillis: configuration.maxFutureMillis) {
            metrics.unacceptable.increment()
            reply.acceptedRecords = 0
        } else {
            let seq = UInt32(packet.avlPacketID)
            let verdict = window.admit(device: device.rawValue, seq: seq, tag: tag)
            if verdict == .duplicate, pending.contains(device: device.rawValue, seq: seq, tag: tag) {
                // The original is not committed yet: no answer (see PendingDatagrams).
                metrics.duplicates.increment()
                return
            } else if verdict == .duplicate {
                metrics.duplicates.increment()
            } else {
                pending.insert(device: device.rawValue, seq: seq, tag: tag)
                reply.datagramIndex = batch.datagrams.count
                if verdict == .checkStore { batch.checkStored.insert(batch.datagrams.count) }
                batch.datagrams.append(StoredDatagram(device: device, seq: seq, tag: tag, receivedMillis: now, fixes: fixes))
                batch.fixCount += fixes.count
            }
        }
        let wasEmpty = batch.isEmpty
        batch.replies.append(reply)
        if batch.fixCount >= configuration.maxBatchFixes || batch.replies.count >= configuration.maxBatchFixes {
            flush()
        } else {
            scheduleFlush(wasEmpty: wasEmpty)
        }
    }

    private func scheduleFlush(wasEmpty: Bool) {
        guard wasEmpty, let context else { return }
        scheduledFlush = context.eventLoop.assumeIsolated().scheduleTask(in: configuration.maxBatchDelay) { [weak self] in
            self?.flush()
        }
    }
}

@available(*, unavailable)
extension TeltonikaIngestHandler: Sendable {}
