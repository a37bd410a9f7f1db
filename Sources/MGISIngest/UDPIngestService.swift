public import Logging
public import MGISCore
public import MGISLive
public import MGISStore
public import NIOCore
public import ServiceLifecycle

/// The MTP/1 listener: binds the UDP port, commits the handler's batches in order, and sends
/// each batch's ACKs once its transaction is durable.
///
/// `DatagramIngestService` with the MTP/1 wire (`MTPWire`); this listener also restores the live
/// state at start-up, as it runs in every mgisd.
public final class UDPIngestService: Service, Sendable {
    private let listener: DatagramIngestService<MTPWire>

    /// - Parameters:
    ///   - configuration: port, batching and guards.
    ///   - store: where batches are committed and devices are read.
    ///   - live: restored at start-up, then updated after each commit.
    ///   - metrics: counters and histograms of this instance.
    ///   - threads: the ingest threads; the socket takes one of their event loops.
    ///   - recording: offered every datagram received, for `mgisd serve --record` and the admin switch.
    ///   - nowMillis: wall-clock time in milliseconds, injectable for tests.
    public init(
        configuration: UDPIngestConfiguration,
        store: Store,
        live: LiveState,
        metrics: IngestMetrics,
        threads: IngestThreads = .shared,
        logger: Logger,
        recording: RecordingSwitch? = nil,
        nowMillis: @escaping @Sendable () -> Int64 = WallClock.nowMillis
    ) {
        listener = DatagramIngestService(
            wire: MTPWire(metrics: metrics), configuration: configuration, store: store, live: live, threads: threads,
            logger: logger, recording: recording, restoresLiveState: true, nowMillis: nowMillis
        )
    }

    /// The bound address, once listening (port 0 resolves to the real port).
    public func localAddress() async -> SocketAddress {
        await listener.localAddress()
    }

    public func run() async throws {
        try await listener.run()
    }

    /// Reloads the device registry now and returns once the handler uses it, instead of waiting
    /// for the next poll (devices registered through the API, tests).
    public func reloadRegistry() async throws {
        try await listener.reloadRegistry()
    }
}
