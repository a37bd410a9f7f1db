import CoreMetrics
public import Logging
public import MGISCore
public import MGISLive
import MGISProtocol
import MGISTrace
public import MGISStore
public import NIOCore
import NIOPosix
public import ServiceLifecycle
import Synchronization

/// The MTP/1 listener: binds the UDP port, commits the handler's batches in order, and sends
/// each batch's ACKs once its transaction is durable.
///
/// Pipeline: `MTPIngestHandler` (event loop: decode, authenticate, deduplicate, batch) ->
/// `AsyncStream<IngestBatch>` -> this service's commit loop (store writer, then live state,
/// then ACKs written back on the event loop). On graceful shutdown it stops reading, commits
/// and acknowledges what is pending, then closes the socket.
public final class UDPIngestService: Service, Sendable {
    private let configuration: UDPIngestConfiguration
    private let store: Store
    private let live: LiveState
    private let metrics: IngestMetrics
    private let group: any EventLoopGroup
    private let logger: Logger
    private let nowMillis: @Sendable () -> Int64
    /// Where every received datagram is offered for the trace (`mgisd serve --record`).
    private let recording: RecordingSwitch?
    private let bound = Eventually<SocketAddress>()
    /// The listening channel, for reloads asked for from outside the service.
    private let listening = Mutex<(any Channel)?>(nil)

    /// - Parameters:
    ///   - configuration: port, batching and guards.
    ///   - store: where batches are committed and devices are read.
    ///   - live: updated after each commit.
    ///   - metrics: counters and histograms of this instance.
    ///   - group: the event loops; the socket takes one.
    ///   - recording: offered every datagram received, for `mgisd serve --record` and the admin switch.
    ///   - nowMillis: wall-clock time in milliseconds, injectable for tests.
    public init(
        configuration: UDPIngestConfiguration,
        store: Store,
        live: LiveState,
        metrics: IngestMetrics,
        group: any EventLoopGroup,
        logger: Logger,
        recording: RecordingSwitch? = nil,
        nowMillis: @escaping @Sendable () -> Int64 = WallClock.nowMillis
    ) {
        self.configuration = configuration
        self.store = store
        self.live = live
        self.metrics = metrics
        self.group = group
        self.logger = logger
        self.nowMillis = nowMillis
        self.recording = recording
    }

    /// The bound address, once listening (port 0 resolves to the real port).
    public func localAddress() async -> SocketAddress {
        await bound.value()
    }

    public func run() async throws {
        let (batches, sink) = AsyncStream.makeStream(of: IngestBatch.self)
        let inFlight = InFlightBatches()
        let registry = DeviceRegistry(devices: try store.devices())
        let initialRevision = try store.deviceRevision()
        var window = DuplicateWindow(capacity: configuration.duplicateWindow)
        let recent = try store.recentState()
        for (device, seen) in recent.seen {
            window.seed(device: device.rawValue, with: seen)
        }
        live.apply(recent.latest.values.map { DeviceFix(device: $0.device, receivedMillis: $0.receivedMillis, fix: $0.fix) })

        let channel = try await bind(registry: registry, window: window, sink: sink, inFlight: inFlight)
        listening.withLock { $0 = channel }
        let address = channel.localAddress
        logger.info("MTP/1 listening", metadata: ["ingest.address": "\(address.map { "\($0)" } ?? "?")", "devices": "\(registry.count)"])
        if let address { bound.set(address) }

        let pollInterval = configuration.registryPollInterval
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await batch in batches {
                        await self.commit(batch, on: channel)
                        inFlight.decrement()
                    }
                }
                group.addTask {
                    var current = registry
                    await DeviceRevisionWatch(store: self.store, interval: pollInterval).run(from: initialRevision) { devices in
                        current = DeviceRegistry(devices: devices, reusing: current)
                        let update = current
                        self.onHandler(channel) { $0.updateRegistry(update) }
                        self.logger.info("device registry reloaded", metadata: ["devices": "\(update.count)"])
                    }
                }
                // The commit loop ends when the handler finishes the stream; then stop polling.
                try await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            // Stop reading, hand over what is batched, end the stream: the commit loop drains it.
            channel.eventLoop.execute {
                _ = channel.setOption(ChannelOptions.autoRead, value: false)
                try? channel.pipeline.syncOperations.handler(type: MTPIngestHandler.self).finish()
            }
        }
        try? await channel.close()
        logger.info("MTP/1 listener closed")
    }

    private func bind(
        registry: DeviceRegistry,
        window: DuplicateWindow,
        sink: AsyncStream<IngestBatch>.Continuation,
        inFlight: InFlightBatches
    ) async throws -> any Channel {
        let handlerConfiguration = MTPIngestHandler.Configuration(
            maxBatchFixes: configuration.batchMaxFixes,
            maxBatchDelay: configuration.batchMaxDelay,
            maxPendingBatches: configuration.maxPendingBatches,
            maxFutureMillis: configuration.maxFutureMillis,
            duplicateWindow: configuration.duplicateWindow
        )
        let metrics = self.metrics
        let nowMillis = self.nowMillis
        let recording = self.recording
        return try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(configuration.receiveBufferBytes))
            .channelOption(.datagramVectorReadMessageCount, value: configuration.vectorReadCount)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: configuration.vectorReadCount * 2048))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let recording {
                        try channel.pipeline.syncOperations.addHandler(TraceTapHandler(recording: recording, kind: .mtp))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        MTPIngestHandler(
                            configuration: handlerConfiguration, registry: registry, window: window,
                            metrics: metrics, sink: sink, inFlight: inFlight, nowMillis: nowMillis
                        )
                    )
                }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
    }

    /// Commits one batch, then updates the live state and sends its ACKs.
    private func commit(_ batch: IngestBatch, on channel: any Channel) async {
        var written: [Bool] = []
        if !batch.datagrams.isEmpty {
            let start = ContinuousClock.now
            do {
                written = try await store.append(batch.datagrams, checkStored: batch.checkStored)
            } catch {
                metrics.commitFailures.increment()
                logger.error("commit failed; batch not acknowledged", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
                onHandler(channel) { $0.forget(batch) }
                return
            }
            let elapsed = ContinuousClock.now - start
            onHandler(channel) { $0.committed(batch) }
            metrics.commitLatency.recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
            metrics.batchRows.record(batch.datagrams.count)
            var stored: [DeviceFix] = []
            for (datagram, wasWritten) in zip(batch.datagrams, written) where wasWritten {
                metrics.committedRows.increment(by: datagram.fixes.count)
                for fix in datagram.fixes {
                    stored.append(DeviceFix(device: datagram.device, receivedMillis: datagram.receivedMillis, fix: fix))
                }
            }
            live.apply(stored)
        }
        var acks: [AddressedEnvelope<ByteBuffer>] = []
        acks.reserveCapacity(batch.replies.count)
        for reply in batch.replies {
            var status = reply.status
            if let index = reply.datagramIndex, !written[index] {
                status = .duplicate
                metrics.duplicates.increment()
            }
            let bytes = MTPCodec.encodeAck(device: reply.device, seq: reply.seq, status: status, authenticator: reply.authenticator)
            acks.append(AddressedEnvelope(remoteAddress: reply.address, data: channel.allocator.buffer(bytes: bytes)))
        }
        let ready = acks
        channel.eventLoop.execute {
            for ack in ready {
                channel.write(ack, promise: nil)
            }
            channel.flush()
        }
    }

    /// Reloads the device registry now and returns once the handler uses it, instead of waiting
    /// for the next poll (devices registered through the API, tests).
    public func reloadRegistry() async throws {
        guard let channel = listening.withLock({ $0 }) else { return }
        let registry = DeviceRegistry(devices: try store.devices())
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: MTPIngestHandler.self).updateRegistry(registry)
        }.get()
    }

    /// Runs `body` with the ingest handler, on its event loop.
    private func onHandler(_ channel: any Channel, _ body: @escaping @Sendable (MTPIngestHandler) -> Void) {
        channel.eventLoop.execute {
            if let handler = try? channel.pipeline.syncOperations.handler(type: MTPIngestHandler.self) {
                body(handler)
            }
        }
    }
}
