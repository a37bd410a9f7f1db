import Foundation
public import Hummingbird
public import Logging
public import MGISLive
public import MGISStore
import NIOCore
public import Prometheus

/// Builds the Hummingbird application of mgisd: public health and metrics endpoints now, the
/// authenticated API, live feed and pages as they land.
public enum HTTPApplication {
    /// The version reported by `/healthz`.
    public static let version = "0.1.0"

    /// - Parameters:
    ///   - onServerRunning: called with the bound port once listening (tests use port 0).
    public static func make(
        configuration: HTTPConfiguration,
        store: Store,
        live: LiveState,
        metricsRegistry: PrometheusCollectorRegistry,
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/healthz") { _, _ -> Response in
            let devices = (try? store.devices().count)
            let report = HealthReport(
                status: devices == nil ? "degraded" : "ok",
                store: devices == nil ? "unreadable" : "ok",
                devices: devices ?? 0,
                liveUnits: live.count,
                version: version
            )
            let body = try JSONEncoder().encode(report)
            return Response(
                status: devices == nil ? .serviceUnavailable : .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: body))
            )
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metricsRegistry.emitToBuffer()))
            )
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mgisd"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }
}
