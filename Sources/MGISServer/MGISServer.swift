import Foundation
import Hummingbird
import HummingbirdBcrypt
import MGISCore
public import MGISAudit
public import MGISDispatch
public import Logging
public import MGISHTTP
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
    /// The Teltonika UDP listener, when configured.
    public let teltonika: TeltonikaUDPService?
    /// The Teltonika TCP listener, when configured.
    public let teltonikaTCP: TeltonikaTCPService?
    public let metricsRegistry: PrometheusCollectorRegistry
    /// Datagram recording of the UDP listeners: `--record`, or switched by admins at runtime.
    public let recording: RecordingSwitch
    public let feed: LiveFeedHub
    /// Tasks: changes, GPS monitoring and alerts.
    public let desk: TaskDesk
    /// The violations register, held in memory for analysis.
    public let violations: ViolationRegister
    public let authenticator: TokenAuthenticator
    /// The audit trail's store (`DATA/audit.sqlite`) and its writer.
    public let auditStore: AuditStore
    public let audit: AuditWriter
    /// Where the HTTP side runs analyses, imports, exports, reports and bcrypt (bounded).
    public let workers: WorkerPool
    /// Requests refused for their credentials, audited in summary per address and interval.
    public let authFailures: AuthFailureSummary
    /// The data disk's free space against `ServerConfiguration.diskReserveBytes`.
    public let diskSpace: DiskSpaceWatch
    /// The HTTPS certificate and key when `http.tls` is set (reloaded on SIGHUP).
    public let tlsIdentity: ReloadableTLSIdentity?
    public let services: [any Service]
    private let httpPort = Eventually<Int>()

    /// Opens the store and builds the services; nothing listens until they run.
    public init(configuration: ServerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        // First: a certificate or key that does not load stops mgisd before anything is created or listens.
        tlsIdentity = try configuration.http.tls.map { try ReloadableTLSIdentity(files: $0) }
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
        recording = RecordingSwitch(factory: factory, label: "mgisd \(HTTPApplication.version)")
        if let record = configuration.recording {
            try recording.open(file: record.file, maxBytes: record.maxBytes)
        }
        ingest = UDPIngestService(
            configuration: configuration.ingest,
            store: store,
            live: live,
            metrics: IngestMetrics(factory: factory),
            logger: logger,
            recording: recording
        )
        let (openedStore, liveState, recordingSwitch) = (store, live, recording)
        teltonika = configuration.teltonika.map { teltonikaConfiguration in
            TeltonikaUDPService(
                configuration: teltonikaConfiguration,
                store: openedStore,
                live: liveState,
                metrics: TeltonikaMetrics(factory: factory),
                logger: logger,
                recording: recordingSwitch
            )
        }
        let teltonikaUDP = teltonika
        teltonikaTCP = configuration.teltonikaTCP.map { tcpConfiguration in
            TeltonikaTCPService(
                configuration: tcpConfiguration,
                store: openedStore,
                live: liveState,
                metrics: TeltonikaTCPMetrics(factory: factory),
                logger: logger,
                sharedPort: { await teltonikaUDP?.localAddress().port }
            )
        }
        let firstAdmin = try Self.createFirstAdmin(store: store, configuration: configuration)
        if let password = firstAdmin {
            // Printed, not logged: the one time anyone sees it, and logs must not hold secrets.
            // Written straight to the file descriptor: print() may sit in a buffer when stdout is a file.
            FileHandle.standardOutput.write(Data("MGIS first start: created user 'admin' with password \(password) (shown once; change it)\n".utf8))
        }
        feed = LiveFeedHub(
            live: live, directory: try FeedDirectoryBuilder.build(from: store),
            configuration: LiveFeedConfiguration(tick: .milliseconds(configuration.http.liveTickMilliseconds))
        )
        authenticator = TokenAuthenticator(store: store)
        let hub = feed
        violations = try ViolationRegister(store: store)
        desk = try TaskDesk(
            store: store, violations: violations, configuration: configuration.tasks, logger: logger,
            nowMillis: configuration.taskClock ?? WallClock.nowMillis,
            announce: { event in TaskFeedFrames.publish(event, to: hub) }
        )
        desk.watch(live)
        auditStore = try AuditStore(configuration: AuditStoreConfiguration(dataDirectory: configuration.dataDirectory))
        // A key that group or others may read is refused here, before anything listens.
        let signingKey = try AuditSigningKey.loadOrCreate(path: configuration.auditKeyPath)
        var auditConfiguration = AuditWriterConfiguration()
        auditConfiguration.checkpointInterval = configuration.auditCheckpointInterval
        auditConfiguration.checkpointOnShutdown = true
        auditConfiguration.checkpointCopy = configuration.auditCheckpointCopy.map { path in
            path.hasSuffix(".jsonl") || path.hasSuffix(".json") ? .file(path) : .directory(path)
        }
        audit = AuditWriter(store: auditStore, signingKey: signingKey, configuration: auditConfiguration, logger: logger)
        audit.enqueue(Self.startupEvent(configuration))
        workers = WorkerPool(
            threads: configuration.http.limits.workerThreads, queue: configuration.http.limits.workerQueue, factory: factory
        )
        authFailures = AuthFailureSummary(
            writer: audit, interval: .milliseconds(Int64(configuration.http.limits.authFailureSummarySeconds * 1000)), factory: factory
        )
        diskSpace = DiskSpaceWatch(path: configuration.dataDirectory, reserveBytes: configuration.diskReserveBytes)
        diskSpace.refresh()
        let portBox = httpPort
        let feed = self.feed
        let store = self.store
        let http = try HTTPApplication.make(
            configuration: configuration.http,
            store: store,
            live: live,
            feed: feed,
            desk: desk,
            violations: violations,
            authenticator: authenticator,
            audit: audit,
            auditStore: auditStore,
            auditRequests: configuration.auditHTTPRequests,
            metricsRegistry: metricsRegistry,
            recording: recording,
            guards: HTTPGuards(workers: workers, authFailures: authFailures, diskSpace: diskSpace),
            logger: logger,
            directoryChanged: { [ingest, teltonika, teltonikaTCP, desk] in
                // Devices registered or re-keyed through the API are accepted at once.
                try? await ingest.reloadRegistry()
                try? await teltonika?.reloadRegistry()
                // Synchronous store reads: off the cooperative pool, since request handlers await this.
                let directory = try? await BlockingIO.run {
                    try? desk.reloadDirectory()
                    try? teltonikaTCP?.reloadRegistry()
                    return try FeedDirectoryBuilder.build(from: store)
                }
                if let directory { feed.updateDirectory(directory) }
            },
            tls: tlsIdentity,
            onServerRunning: { port in portBox.set(port) }
        )
        var services: [any Service] = [
            // First, so that it stops last: everything the others did is recorded and signed.
            audit,
            // Before the listeners, so it stops after them: the trace ends with their last datagram.
            RecordingService(recording: recording, logger: logger),
            ingest,
        ]
        if let teltonika { services.append(teltonika) }
        if let teltonikaTCP { services.append(teltonikaTCP) }
        services += [
            CompactionService(store: store, interval: .milliseconds(250), logger: logger),
            DiskSpaceService(watch: diskSpace, interval: configuration.diskCheckInterval, logger: logger, factory: factory),
            LiveFeedService(feed: feed, store: store, refreshInterval: .seconds(5), logger: logger),
            TaskDeskService(desk: desk),
            // Before HTTP, so it stops after it and writes the last interval's tally.
            authFailures,
        ]
        if let tlsIdentity { services.append(TLSReloadService(identity: tlsIdentity, logger: logger, factory: factory)) }
        services.append(http)
        self.services = services
    }

    /// Creates user `admin` on an empty user table; returns its password when it was generated.
    private static func createFirstAdmin(store: Store, configuration: ServerConfiguration) throws -> String? {
        guard try store.userCount() == 0 else { return nil }
        let password = configuration.initialAdminPassword ?? TokenFactory.password()
        if let problem = PasswordPolicy.problem(password) {
            throw StoreError(.invalidInput, "the first admin's password \(problem.message)")
        }
        let hash = Bcrypt.hash(password, cost: configuration.http.passwordCost)
        _ = try store.createUser(name: "admin", roles: [.admin], passwordHash: hash, unitID: nil, nowMillis: WallClock.nowMillis())
        return configuration.initialAdminPassword == nil ? password : nil
    }

    /// The configuration in force, as an audit event (no secrets: the admin password is not in it).
    static func startupEvent(_ configuration: ServerConfiguration) -> AuditEvent {
        AuditEvent(
            actor: nil, actorID: nil, roles: [], action: .configStartup, method: nil, route: nil, objectIDs: [], query: [:],
            status: nil, durationMillis: nil, clientAddress: nil, outcome: .ok,
            details: [
                "version": HTTPApplication.version, "data": configuration.dataDirectory,
                "udp": "\(configuration.ingest.host):\(configuration.ingest.port)",
                "teltonika": configuration.teltonika.map { "\($0.host):\($0.port)" } ?? "off",
                "http": "\(configuration.http.host):\(configuration.http.port)",
                "tls": configuration.http.tls?.certificatePath ?? "off",
                "synchronous": configuration.synchronous.rawValue, "batch.fixes": "\(configuration.ingest.batchMaxFixes)",
                "tiles": configuration.http.mbtilesPath ?? configuration.http.tileURL ?? "outlines",
                "audit.checkpoint.seconds": "\(configuration.auditCheckpointInterval.components.seconds)",
                "audit.checkpoint.copy": configuration.auditCheckpointCopy ?? "none",
                "audit.key": configuration.auditKeyPath,
                "record": configuration.recording?.file ?? "off",
            ]
        )
    }

    /// Rebuilds the live feed's units and devices now (the feed also refreshes every 5 s).
    public func refreshLiveDirectory() throws {
        feed.updateDirectory(try FeedDirectoryBuilder.build(from: store))
    }

    /// The HTTP port once listening.
    public func boundHTTPPort() async -> Int {
        await httpPort.value()
    }
}
