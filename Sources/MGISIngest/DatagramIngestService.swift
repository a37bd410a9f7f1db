import Logging
import MGISCore
import MGISLive
import MGISStore
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A UDP ingest listener of one wire: binds the port, commits the handler's batches in order, and
/// sends each batch's ACKs once its transaction is durable. `UDPIngestService` (MTP/1) and
/// `TeltonikaUDPService` are this with their wire.
///
/// Pipeline: `TraceTapHandler` (when recording) -> `DatagramIngestHandler` (event loop: decode,
/// authenticate, deduplicate, batch) -> `AsyncStream<DatagramBatch>` -> the commit loop (store
/// writer, then live state, then ACKs written back on the event loop). On graceful shutdown it
/// stops reading, commits and acknowledges what is pending, then closes the socket; a socket
/// that closes on its own ends the stream, and so the service, the same way.
final class DatagramIngestService<Wire: DatagramWire>: Sendable {
    typealias Handler = DatagramIngestHandler<Wire>
    typealias Batch = DatagramBatch<Wire.Reply>

    private let wire: Wire
    private let configuration: UDPIngestConfiguration
    private let store: Store
    private let live: LiveState
    private let threads: IngestThreads
    private let logger: Logger
    private let recording: RecordingSwitch?
    private let restoresLiveState: Bool
    private let nowMillis: @Sendable () -> Int64
    private let bound = Eventually<SocketAddress>()
    /// The listening channel, for reloads asked for from outside the service.
    private let listening = Mutex<(any Channel)?>(nil)

    /// - Parameters:
    ///   - wire: decoding, registry and ACKs of the protocol, with its metrics.
    ///   - restoresLiveState: whether start-up puts the latest stored fix of every device into
    ///     `live`; one listener per process does it (MTP/1's, which always runs).
    ///   - recording: offered every datagram received, for `mgisd serve --record` and the admin switch.
    ///   - nowMillis: wall-clock time in milliseconds, injectable for tests.
    init(
        wire: Wire,
        configuration: UDPIngestConfiguration,
        store: Store,
        live: LiveState,
        threads: IngestThreads,
        logger: Logger,
        recording: RecordingSwitch?,
        restoresLiveState: Bool,
        nowMillis: @escaping @Sendable () -> Int64
    ) {
        self.wire = wire
        self.configuration = configuration
        self.store = store
        self.live = live
        self.threads = threads
        self.logger = logger
        self.recording = recording
        self.restoresLiveState = restoresLiveState
        self.nowMillis = nowMillis
    }

    /// The bound address, once listening (port 0 resolves to the real port).
    func localAddress() async -> SocketAddress {
        await bound.value()
    }

    /// Listens and commits until shutdown, on the ingest threads (see `IngestThreads`).
    func run() async throws {
        try await threads.run { try await self.listen() }
    }

    private func listen() async throws {
        let (batches, sink) = AsyncStream.makeStream(of: Batch.self)
        let inFlight = InFlightBatches()
        let registry = Wire.Registry.reloaded(from: try store.devices(), previous: nil)
        let initialRevision = try store.deviceRevision()
        let window = try restoreRecentState()

        let channel = try await bind(registry: registry, window: window, sink: sink, inFlight: inFlight)
        listening.withLock { $0 = channel }
        let address = channel.localAddress
        logger.info(
            "\(Wire.name) listening",
            metadata: ["ingest.address": "\(address.map { "\($0)" } ?? "?")", "devices": "\(registry.count)"]
        )
        if let address { bound.set(address) }

        let committer = DatagramBatchCommitter(wire: wire, store: store, live: live, logger: logger, channel: channel)
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await batch in batches {
                        await committer.commit(batch)
                        inFlight.decrement()
                    }
                }
                group.addTask {
                    await self.followDeviceChanges(from: initialRevision, registry: registry, channel: channel)
                }
                // The commit loop ends when the handler finishes the stream; then stop polling.
                try await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            // Stop reading, hand over what is batched, end the stream: the commit loop drains it.
            channel.eventLoop.execute {
                _ = channel.setOption(ChannelOptions.autoRead, value: false)
                try? channel.pipeline.syncOperations.handler(type: Handler.self).finish()
            }
        }
        try? await channel.close()
        logger.info("\(Wire.name) listener closed")
    }

    /// Reloads the device registry now and returns once the handler uses it, instead of waiting
    /// for the next poll (devices registered through the API, tests).
    func reloadRegistry() async throws {
        guard let channel = listening.withLock({ $0 }) else { return }
        let registry = Wire.Registry.reloaded(from: try store.devices(), previous: nil)
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: Handler.self).updateRegistry(registry)
        }.get()
    }

    /// The duplicate window seeded from the store's recent datagrams, and the live state too when
    /// this listener restores it.
    private func restoreRecentState() throws -> DuplicateWindow {
        var window = DuplicateWindow(capacity: configuration.duplicateWindow)
        let recent = try store.recentState()
        for (device, seen) in recent.seen {
            window.seed(device: device.rawValue, with: seen)
        }
        if restoresLiveState {
            live.apply(recent.latest.values.map { DeviceFix(device: $0.device, receivedMillis: $0.receivedMillis, fix: $0.fix) })
        }
        return window
    }

    /// Swaps in a new registry whenever the store's device revision changes, until cancelled.
    private func followDeviceChanges(from revision: Int64, registry: Wire.Registry, channel: any Channel) async {
        var current = registry
        let watch = DeviceRevisionWatch(store: store, interval: configuration.registryPollInterval)
        await watch.run(from: revision) { devices in
            current = Wire.Registry.reloaded(from: devices, previous: current)
            let update = current
            Handler.execute(on: channel) { $0.updateRegistry(update) }
            logger.info("device registry reloaded", metadata: ["ingest.listener": "\(Wire.name)", "devices": "\(update.count)"])
        }
    }

    private func bind(
        registry: Wire.Registry,
        window: DuplicateWindow,
        sink: AsyncStream<Batch>.Continuation,
        inFlight: InFlightBatches
    ) async throws -> any Channel {
        let handlerConfiguration = Handler.Configuration(
            maxBatchFixes: configuration.batchMaxFixes,
            maxBatchDelay: configuration.batchMaxDelay,
            maxPendingBatches: configuration.maxPendingBatches,
            maxFutureMillis: configuration.maxFutureMillis
        )
        let vectorReads = max(1, min(configuration.vectorReadCount, Wire.maxVectorReadCount))
        let (wire, recording, nowMillis) = (self.wire, self.recording, self.nowMillis)
        return try await DatagramBootstrap(group: threads.eventLoops)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(configuration.receiveBufferBytes))
            .channelOption(.datagramVectorReadMessageCount, value: vectorReads)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: vectorReads * Wire.messageBufferBytes))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let recording {
                        try channel.pipeline.syncOperations.addHandler(TraceTapHandler(recording: recording, kind: Wire.traceKind))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        Handler(
                            wire: wire, configuration: handlerConfiguration, registry: registry, window: window,
                            sink: sink, inFlight: inFlight, nowMillis: nowMillis
                        )
                    )
                }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
    }
}
