import CoreMetrics
public import Logging
public import MGISCore
public import MGISLive
import MGISProtocol
public import MGISStore
public import NIOCore
import NIOPosix
public import ServiceLifecycle
import Synchronization

/// The Teltonika TCP listener (Codec 8 / 8E over TCP, on the Teltonika UDP port number).
///
/// Pipeline per connection: `TeltonikaTCPFrameDecoder` (framing, CRC, AVL decoding on the event
/// loop) -> `IdleStateHandler` + `IdleConnectionCloser` (idle timeout) -> `NIOAsyncChannel` ->
/// `TeltonikaTCPSession` (handshake, answers) -> `TeltonikaTCPWriter` (one group commit for all
/// connections, then the live state). A frame is answered only after its records are durable.
///
/// On graceful shutdown it stops accepting, closes open connections (a frame whose commit is
/// under way is still committed; its answer is lost and the tracker resends it, which is then a
/// duplicate), lets the writer settle what is queued, and returns.
public final class TeltonikaTCPService: Service, Sendable {
    private let configuration: TeltonikaTCPConfiguration
    private let store: Store
    private let live: LiveState
    private let metrics: TeltonikaTCPMetrics
    private let threads: IngestThreads
    private let logger: Logger
    private let nowMillis: @Sendable () -> Int64
    private let sharedPort: (@Sendable () async -> Int?)?
    private let bound = Eventually<SocketAddress>()
    private let registry = Mutex(TeltonikaRegistry())
    private let openConnections = Mutex<OpenConnections>(OpenConnections())

    /// - Parameters:
    ///   - sharedPort: when `configuration.port` is 0, where to take the port number from
    ///     (the Teltonika UDP listener's bound port), so both transports share one number.
    public init(
        configuration: TeltonikaTCPConfiguration,
        store: Store,
        live: LiveState,
        metrics: TeltonikaTCPMetrics,
        threads: IngestThreads = .shared,
        logger: Logger,
        sharedPort: (@Sendable () async -> Int?)? = nil,
        nowMillis: @escaping @Sendable () -> Int64 = WallClock.nowMillis
    ) {
        self.configuration = configuration
        self.store = store
        self.live = live
        self.metrics = metrics
        self.threads = threads
        self.logger = logger
        self.sharedPort = sharedPort
        self.nowMillis = nowMillis
    }

    /// The bound address, once listening.
    public func localAddress() async -> SocketAddress {
        await bound.value()
    }

    /// Reloads the IMEI registry now (after a device change made through the API).
    public func reloadRegistry() throws {
        let update = TeltonikaRegistry(devices: try store.devices())
        registry.withLock { $0 = update }
    }

    /// Listens and serves until shutdown, on the ingest threads (see `IngestThreads`): the
    /// sessions and the writer are child tasks, so they inherit its executor.
    public func run() async throws {
        try await threads.run { try await self.listen() }
    }

    private func listen() async throws {
        try reloadRegistry()
        let initialRevision = try store.deviceRevision()
        var window = DuplicateWindow(capacity: configuration.duplicateWindow)
        for (device, seen) in try store.recentState().seen {
            window.seed(device: device.rawValue, with: seen)
        }
        let writer = TeltonikaTCPWriter(store: store, live: live, window: window, metrics: metrics)
        var port = configuration.port
        if port == 0, let sharedPort { port = await sharedPort() ?? 0 }
        let server = try await bind(port: port)
        if let address = server.channel.localAddress { bound.set(address) }
        logger.info("Teltonika TCP listening", metadata: ["ingest.address": "\(server.channel.localAddress.map { "\($0)" } ?? "?")"])

        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await writer.run() }
                group.addTask {
                    await DeviceRevisionWatch(store: self.store, interval: self.configuration.registryPollInterval)
                        .run(from: initialRevision) { devices in
                            let update = TeltonikaRegistry(devices: devices)
                            self.registry.withLock { $0 = update }
                        }
                }
                await acceptConnections(on: server, writer: writer)
                // Every connection has ended: let the writer settle its queue, then stop polling.
                writer.finish()
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
            for connection in self.openConnections.withLock({ $0.all }) {
                connection.close(promise: nil)
            }
        }
        logger.info("Teltonika TCP listener closed")
    }

    private func acceptConnections(
        on server: NIOAsyncChannel<NIOAsyncChannel<TeltonikaTCPMessage, ByteBuffer>, Never>,
        writer: TeltonikaTCPWriter
    ) async {
        let session = TeltonikaTCPSession(
            registry: { imei in self.registry.withLock { $0[imei] } },
            writer: writer, metrics: metrics, maxFutureMillis: configuration.maxFutureMillis, nowMillis: nowMillis
        )
        do {
            try await withThrowingDiscardingTaskGroup { connections in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        connections.addTask { await self.serve(connection, session: session) }
                    }
                }
            }
        } catch {
            logger.error("Teltonika TCP accept loop ended", metadata: ["error": "\(error)"])
        }
    }

    /// Runs one connection to its end; its failure stays here (STYLE.md: never in the accept loop).
    private func serve(_ connection: NIOAsyncChannel<TeltonikaTCPMessage, ByteBuffer>, session: TeltonikaTCPSession) async {
        let channel = connection.channel
        let address = channel.remoteAddress?.ipAddress ?? "?"
        let refusal = openConnections.withLock { open in
            open.admit(channel, from: address, max: configuration.maxConnections, maxPerAddress: configuration.maxConnectionsPerAddress)
        }
        if let refusal {
            metrics.refuse(refusal)
            try? await connection.executeThenClose { _, _ in }
            return
        }
        metrics.connections.increment()
        defer {
            openConnections.withLock { $0.remove(channel, from: address) }
            metrics.connections.decrement()
        }
        do {
            try await connection.executeThenClose { inbound, outbound in
                try await session.run(inbound, outbound, from: channel.remoteAddress)
            }
        } catch let error as TeltonikaError {
            metrics.refuse(error.reason)
            logger.debug("Teltonika TCP connection closed", metadata: ["reason": "\(error.reason)"])
        } catch {
            logger.debug("Teltonika TCP connection ended", metadata: ["error": "\(error)"])
        }
    }

    private func bind(port: Int) async throws -> NIOAsyncChannel<NIOAsyncChannel<TeltonikaTCPMessage, ByteBuffer>, Never> {
        let idleTimeout = configuration.idleTimeout
        let metrics = self.metrics
        return try await ServerBootstrap(group: threads.eventLoops)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(
                        ByteToMessageHandler(TeltonikaTCPFrameDecoder(), maximumBufferSize: TeltonikaLayout.maxTCPFrameLength)
                    )
                    try pipeline.addHandler(IdleStateHandler(readTimeout: idleTimeout))
                    try pipeline.addHandler(IdleConnectionCloser { metrics.refuse("idle_timeout") })
                    return try NIOAsyncChannel<TeltonikaTCPMessage, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }
}
