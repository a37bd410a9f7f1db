public import Logging
public import MGISCore
public import MGISLive
public import MGISStore
public import NIOCore
public import ServiceLifecycle

/// The Teltonika UDP listener (Codec 8 / 8E, port 5027 by default): binds its own port, commits
/// the handler's batches in order and sends the manufacturer's UDP ACKs once the commit that
/// holds the records is durable. Fixes go to the same store and live state as MTP/1 fixes.
///
/// `DatagramIngestService` with the Teltonika wire (`TeltonikaUDPWire`), whose 64 KiB datagrams
/// get 64 KiB receive buffers, at most 16 per vector read.
public final class TeltonikaUDPService: Service, Sendable {
    private let listener: DatagramIngestService<TeltonikaUDPWire>

    /// - Parameters:
    ///   - configuration: host, port (5027 for Teltonika), batching and guards; its
    ///     `duplicateWindow`, `registryPollInterval` and `receiveBufferBytes` apply as for MTP/1.
    public init(
        configuration: UDPIngestConfiguration,
        store: Store,
        live: LiveState,
        metrics: TeltonikaMetrics,
        threads: IngestThreads = .shared,
        logger: Logger,
        recording: RecordingSwitch? = nil,
        nowMillis: @escaping @Sendable () -> Int64 = WallClock.nowMillis
    ) {
        listener = DatagramIngestService(
            wire: TeltonikaUDPWire(metrics: metrics), configuration: configuration, store: store, live: live,
            threads: threads, logger: logger, recording: recording, restoresLiveState: false, nowMillis: nowMillis
        )
    }

    /// The bound address, once listening (port 0 resolves to the real port).
    public func localAddress() async -> SocketAddress {
        await listener.localAddress()
    }

    public func run() async throws {
        try await listener.run()
    }

    /// Reloads the IMEI registry now and returns once the handler uses it.
    public func reloadRegistry() async throws {
        try await listener.reloadRegistry()
    }
}
