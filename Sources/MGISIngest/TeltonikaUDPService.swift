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

/// The Teltonika UDP listener (Codec 8 / 8E, port 5027 by default): binds its own port, commits
/// the handler's batches in order and sends the manufacturer's UDP ACKs once the commit that
/// holds the records is durable. Fixes go to the same store and live state as MTP/1 fixes.
///
/// Pipeline as in `UDPIngestService`: `TeltonikaIngestHandler` (event loop) ->
/// `AsyncStream<TeltonikaBatch>` -> commit loop (store, unknown IMEIs, live state, then ACKs on
/// the event loop). On graceful shutdown it stops reading, commits and acknowledges what is
/// pending, then closes the socket.
///
/// Receive buffers: a Teltonika datagram may be as large as `TeltonikaLayout.maxUDPDatagramLength`
/// (65 507 bytes), so each message of a vector read gets 65 536 bytes; to bound memory, at most
/// `maxVectorReadCount` messages are read per system call (1 MiB of buffer).
public final class TeltonikaUDPService: Service, Sendable {
    /// Messages per recvmmsg; each gets `messageBufferBytes`.
    static let maxVectorReadCount = 16
    /// Room for the largest UDP payload, so no datagram is cut.
    static let messageBufferBytes = 65_536

    private let configuration: UDPIngestConfiguration
    private let store: Store
    private let live: LiveState
    private let metrics: TeltonikaMetrics
    private let group: any EventLoopGroup
    private let logger: Logger
    private let nowMillis: @Sendable () -> Int64
    /// Where every received datagram is offered for the trace (`mgisd serve --record`).
    private let recording: RecordingSwitch?
    private let bound = Eventually<SocketAddress>()
    private let listening = Mutex<(any Channel)?>(nil)

    /// - Parameters:
    ///   - configuration: host, port (5027 for Teltonika), batching and guards; its
    ///     `duplicateWindow`, `registryPollInterval` and `receiveBufferBytes` apply as for MTP/1.
    public init(
        configuration: UDPIngestConfiguration,
        store: Store,
        live: LiveState,
        metrics: TeltonikaMetrics,
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
        let (batches, sink) = AsyncStream.makeStream(of: TeltonikaBatch.self)
        let inFlight = InFlightBatches()
        let registry = TeltonikaRegistry(devices: try store.devices())
        let initialRevision = try store.deviceRevision()
        var window = DuplicateWindow(capacity: configuration.duplicateWindow)
        for (device, seen) in try store.recentState().seen {
            window.seed(device: device.rawValue, with: seen)
        }

        let channel = try await bind(registry: registry, window: window, sink: sink, inFlight: inFlight)
        listening.withLock { $0 = channel }
        let address = channel.localAddress
        logger.info("Teltonika UDP listening", metadata: ["ingest.address": "\(address.map { "\($0)" } ?? "?")", "devices": "\(registry.count)"])
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
                    await DeviceRevisionWatch(store: self.store, interval: pollInterval).run(from: initialRevision) { devices in
                        let update = TeltonikaRegistry(devices: devices)
                        self.onHandler(channel) { $0.updateRegistry(update) }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            channel.eventLoop.execute {
                _ = channel.setOption(ChannelOptions.autoRead, value: false)
                try? channel.pipeline.syncOperations.handler(type: TeltonikaIngestHandler.self).finish()
            }
        }
        try? await channel.close()
        logger.info("Teltonika UDP listener closed")
    }

    private func bind(
        registry: TeltonikaRegistry,
        window: DuplicateWindow,
        sink: AsyncStream<TeltonikaBatch>.Continuation,
        inFlight: InFlightBatches
    ) async throws -> any Channel {
        let handlerConfiguration = TeltonikaIngestHandler.Configuration(
            maxBatchFixes: configuration.batchMaxFixes,
            maxBatchDelay: configuration.batchMaxDelay,
            maxPendingBatches: configuration.maxPendingBatches,
            maxFutureMillis: configuration.maxFutureMillis
        )
        let vectorReads = max(1, min(configuration.vectorReadCount, Self.maxVectorReadCount))
        let metrics = self.metrics
        let nowMillis = self.nowMillis
        let recording = self.recording
        return try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(configuration.receiveBufferBytes))
            .channelOption(.datagramVectorReadMessageCount, value: vectorReads)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: vectorReads * Self.messageBufferBytes))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let recording {
                        try channel.pipeline.syncOperations.addHandler(TraceTapHandler(recording: recording, kind: .teltonikaUDP))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        TeltonikaIngestHandler(
                            configuration: handlerConfiguration, registry: registry, window: window,
                            metrics: metrics, sink: sink, inFlight: inFlight, nowMillis: nowMillis
                        )
                    )
                }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
    }

    /// Commits one batch, records unknown IMEIs, updates the live state, then sends the ACKs.
    private func commit(_ batch: TeltonikaBatch, on channel: any Channel) async {
        if !batch.unknown.isEmpty {
            do {
                try await store.noteUnknownIMEIs(Array(batch.unknown.values))
            } catch {
                logger.warning("could not record unknown IMEIs", metadata: ["error": "\(error)"])
            }
        }
        var written: [Bool] = []
        if !batch.datagrams.isEmpty {
            do {
                written = try await store.append(batch.datagrams, checkStored: batch.checkStored)
            } catch {
                metrics.commitFailures.increment()
                logger.error("Teltonika commit failed; batch not acknowledged", metadata: ["error": "\(error)"])
                onHandler(channel) { $0.forget(batch) }
                return
            }
            onHandler(channel) { $0.committed(batch) }
            var stored: [DeviceFix] = []
            for (datagram, wasWritten) in zip(batch.datagrams, written) where wasWritten {
                metrics.committedRecords.increment(by: datagram.fixes.count)
                for fix in datagram.fixes {
                    stored.append(DeviceFix(device: datagram.device, receivedMillis: datagram.receivedMillis, fix: fix))
                }
            }
            live.apply(stored)
        }
        guard !batch.replies.isEmpty else { return }
        var acks: [AddressedEnvelope<ByteBuffer>] = []
        acks.reserveCapacity(batch.replies.count)
        for reply in batch.replies {
            // A datagram found already stored is a duplicate: acknowledged all the same.
            if let index = reply.datagramIndex, !written[index] { metrics.duplicates.increment() }
            let bytes = TeltonikaCodec.encodeUDPAck(packetID: reply.packetID, avlPacketID: reply.avlPacketID, acceptedRecords: reply.acceptedRecords)
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

    /// Reloads the IMEI registry now and returns once the handler uses it.
    public func reloadRegistry() async throws {
        guard let channel = listening.withLock({ $0 }) else { return }
        let registry = TeltonikaRegistry(devices: try store.devices())
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: TeltonikaIngestHandler.self).updateRegistry(registry)
        }.get()
    }

    private func onHandler(_ channel: any Channel, _ body: @escaping @Sendable (TeltonikaIngestHandler) -> Void) {
        channel.eventLoop.execute {
            if let handler = try? channel.pipeline.syncOperations.handler(type: TeltonikaIngestHandler.self) {
                body(handler)
            }
        }
    }
}
