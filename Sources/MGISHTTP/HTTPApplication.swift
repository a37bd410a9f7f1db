import CoreMetrics
import Foundation
public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
public import Logging
public import MGISAudit
public import MGISDispatch
public import MGISIngest
public import MGISLive
public import MGISStore
import NIOCore
import NIOPosix
public import Prometheus

/// Builds the Hummingbird application of mgisd.
///
/// Public: static pages and map data, `/vendor/` (Debian's Leaflet), `/healthz`,
/// `/api/openapi.json`, `/map-config.json` and the login. Everything else is a route of
/// `APIRoute.all` behind the token and role checks.
public enum HTTPApplication {
    /// The version reported by `/healthz`.
    public static let version = "0.2.0"

    /// The web pages and data shipped with the server.
    static var publicDirectory: String {
        Bundle.module.resourceURL?.appendingPathComponent("Public").path ?? "Public"
    }

    /// - Parameters:
    ///   - tls: the certificate and key when the port speaks HTTPS (`--tls-cert`); nil for plain HTTP.
    ///   - onServerRunning: called with the bound port once listening (tests use port 0).
    public static func make(
        configuration: HTTPConfiguration,
        store: Store,
        live: LiveState,
        feed: LiveFeedHub,
        desk: TaskDesk,
        violations: ViolationRegister,
        authenticator: TokenAuthenticator,
        audit: AuditWriter,
        auditStore: AuditStore,
        auditRequests: Bool = true,
        metricsRegistry: PrometheusCollectorRegistry,
        recording: RecordingSwitch = RecordingSwitch(),
        guards: HTTPGuards,
        logger: Logger,
        directoryChanged: @escaping @Sendable () async -> Void,
        tls: ReloadableTLSIdentity? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = Router(context: MGISRequestContext.self)
        router.add(
            middleware: SecurityHeadersMiddleware(
                tileURL: configuration.mbtilesPath == nil ? configuration.tileURL : nil, strictTransportSecurity: tls != nil
            )
        )
        // Outermost, so it sees the final status of every request, errors included.
        let workers = guards.workers
        // Every thread that serves clients yields to ingest (ThreadPriority): the event loops now,
        // the cooperative-pool threads as they run requests.
        for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
            loop.execute { ThreadPriority.lower(to: ThreadPriority.serving) }
        }
        router.add(middleware: ServingPriorityMiddleware())
        // Outermost of all: a change refused for lack of disk space writes nothing, not even its audit attempt.
        router.add(middleware: DiskReserveMiddleware(watch: guards.diskSpace))
        // Before the audit: a reconnect loop over its rate is refused without a token check or an event each.
        router.add(
            middleware: LiveFeedConnectGate(
                rate: LiveFeedConnectRate(
                    perSecond: configuration.limits.liveConnectsPerSecondPerAddress, burst: configuration.limits.liveConnectBurstPerAddress
                ),
                refusals: guards.authFailures,
                refused: Counter(label: "mgis_live_connects_refused_total", factory: PrometheusMetricsFactory(registry: metricsRegistry))
            )
        )
        if auditRequests {
            router.add(middleware: AuditMiddleware(writer: audit, authenticator: authenticator, authFailures: guards.authFailures))
        }
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: FileMiddleware(publicDirectory, searchForIndexHtml: true, logger: logger))
        router.add(middleware: FileMiddleware(configuration.vendorDirectory, urlBasePath: "/vendor", logger: logger))

        let deps = APIDependencies(
            store: store, live: live, authenticator: authenticator, hasher: PasswordHasher(cost: configuration.passwordCost, workers: workers),
            workers: workers, throttle: LoginThrottle(
                perAccount: configuration.limits.loginsInFlightPerAccount, perAddress: configuration.limits.loginsInFlightPerAddress,
                factory: PrometheusMetricsFactory(registry: metricsRegistry)
            ), configuration: configuration, desk: desk, violations: violations,
            directoryChanged: directoryChanged
        )
        let api = APIRouter(router: router, tokens: TokenMiddleware(authenticator: authenticator), replay: IdempotentReplay(store: store, logger: logger))
        try PublicEndpoints(store: store, live: live, audit: audit, diskSpace: guards.diskSpace, configuration: configuration).register(on: router)
        AuthController(deps: deps).register(on: api)
        UserController(deps: deps).register(on: api)
        TokenController(deps: deps).register(on: api)
        UnitController(deps: deps).register(on: api)
        DeviceController(deps: deps).register(on: api)
        TrackController(deps: deps).register(on: api)
        TaskController(deps: deps).register(on: api)
        AlertController(deps: deps).register(on: api)
        TaskTemplateController(deps: deps).register(on: api)
        TaskReportController(deps: deps).register(on: api)
        ViolationController(deps: deps).register(on: api)
        ViolationAnalysisController(deps: deps).register(on: api)
        LiveFeedController(
            feed: feed, authenticator: authenticator, audit: audit, logger: logger,
            connections: LiveFeedConnections(maximumPerToken: configuration.limits.maxLiveConnectionsPerToken),
            subscribesPerSecond: configuration.limits.liveSubscribesPerSecond,
            sessionCheck: .milliseconds(configuration.liveSessionCheckMilliseconds)
        ).register(on: api)
        AuditController(writer: audit, store: auditStore).register(on: api)
        RecordingController(
            recording: recording, directory: RecordingDirectory(store: store, capBytes: Int64(configuration.limits.recordingsCapMegabytes) * 1_048_576)
        ).register(on: api)
        api.on(.get, "/metrics") { _, _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metricsRegistry.emitToBuffer()))
            )
        }
        let webSocketResponder = router.buildResponder()
        let idleTimeout = TimeAmount.seconds(Int64(configuration.limits.idleTimeoutSeconds))
        return Application(
            router: router,
            server: HTTPServerBuilder { responder in
                // Hummingbird's HTTP/1 + WebSocket channel; the idle timeout counts between requests,
                // FirstRequestDeadline from accept to the first request.
                let http = FirstRequestDeadline(
                    HTTP1WebSocketUpgradeChannel(
                        responder: responder,
                        webSocketResponder: webSocketResponder,
                        configuration: .init(
                            http1: .init(idleTimeout: idleTimeout),
                            ws: WebSocketServerConfiguration(maxFrameSize: 1 << 16, autoPing: .enabled(timePeriod: .seconds(20)))
                        )
                    ),
                    timeout: idleTimeout
                )
                // TLS wraps it all: its handler goes first into the pipeline, so the deadline (which
                // then also bounds the handshake) and HTTP see plain text.
                guard let tls else { return http }
                return try TLSChannel(http, tlsConfiguration: tls.serverConfiguration)
            },
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "mgisd", backlog: 1024,
                availableConnectionsDelegate: HTTPConnectionLimit(
                    maximum: configuration.limits.maxConnections, factory: PrometheusMetricsFactory(registry: metricsRegistry)
                )
            ),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }
}
