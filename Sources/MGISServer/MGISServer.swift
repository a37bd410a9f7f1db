import Foundation
import Hummingbird
public import Logging
import MGISHTTP
public import MGISIngest
public import MGISLive
public import MGISStore
import Metrics
import NIOPosix
public import Prometheus
public import ServiceLifecycle

/// The parts of one mgisd process, wired together from one configuration.
///
/// The services are in dependency order for a `ServiceGroup`: ingest first (it drains and
/// acknowledges on shutdown), then compaction, then HTTP. The store is opened (and migrated)
/// before any of them, as a prelude.
public final class MGISServer: Sendable {
    public let configuration: ServerConfiguration
    public let store: Store
    public let live: LiveState
    public let ingest: UDPIngestService
    public let metricsRegistry: PrometheusCollectorRegistry
    public let services: [any Service]
    private let httpPort = HTTPPortBox()

    /// Opens the store and builds the services; nothing listens until they run.
    public init(configuration: ServerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        store = try Store(configuration: configuration.storeConfiguration)
        live = LiveState()
        metricsRegistry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: metricsRegistry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        factory.defaultValueHistogramBuckets = [1, 10, 50, 100, 250, 500, 1000, 2000, 4096, 8192]
        ingest = UDPIngestService(
            configuration: configuration.ingest,
            store: store,
            live: live,
            metrics: IngestMetrics(factory: factory),
            group: MultiThreadedEventLoopGroup.singleton,
            logger: logger
        )
        let portBox = httpPort
        let http = HTTPApplication.make(
            configuration: configuration.http,
            store: store,
            live: live,
            metricsRegistry: metricsRegistry,
            logger: logger,
            onServerRunning: { port in portBox.set(port) }
        )
        services = [ingest, CompactionService(store: store, interval: .milliseconds(250), logger: logger), http]
    }

    /// The HTTP port once listening.
    public func boundHTTPPort() async -> Int {
        await httpPort.wait()
    }
}
