import Foundation
import Hummingbird
import MGISAudit
import MGISLive
import MGISStore
import NIOCore

/// The endpoints anyone may call: health, the API document and the map configuration.
struct PublicEndpoints {
    let store: Store
    let live: LiveState
    let audit: AuditWriter
    let diskSpace: DiskSpaceWatch
    let configuration: HTTPConfiguration

    func register(on router: Router<MGISRequestContext>) throws {
        router.get("/healthz") { _, _ -> Response in
            let devices = try? await BlockingIO.run { [store] in try store.devices().count }
            let auditHealthy = audit.isHealthy
            let healthy = devices != nil && auditHealthy && !diskSpace.isBelowReserve
            let report = HealthReport(
                status: healthy ? "ok" : "degraded",
                store: devices == nil ? "unreadable" : "ok",
                audit: auditHealthy ? "ok" : "unwritable: changes are refused",
                disk: diskSpace.summary,
                devices: devices ?? 0,
                liveUnits: live.count,
                version: HTTPApplication.version
            )
            return try JSONResponse.make(report, status: healthy ? .ok : .serviceUnavailable)
        }
        router.get("/api/openapi.json") { _, _ -> Response in
            let path = HTTPApplication.publicDirectory + "/openapi.json"
            guard let data = FileManager.default.contents(atPath: path) else { throw APIError.notFound("the API document") }
            return JSONResponse.raw(data, contentType: "application/json; charset=utf-8")
        }
        let mbtiles = try configuration.mbtilesPath.map { try MBTiles(path: $0) }
        let tiles = mbtiles != nil ? "/tiles/{z}/{x}/{y}" : configuration.tileURL
        if let mbtiles {
            router.get("/tiles/:z/:x/:y") { _, context -> Response in
                guard let z = context.parameters.get("z", as: Int.self), let x = context.parameters.get("x", as: Int.self),
                    let y = context.parameters.get("y").flatMap({ Int($0.split(separator: ".").first ?? "") }),
                    let data = try await BlockingIO.run({ try mbtiles.tile(z: z, x: x, y: y) })
                else { throw APIError.notFound("that tile") }
                return Response(
                    status: .ok, headers: [.contentType: mbtiles.contentType, .cacheControl: "public, max-age=86400"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data))
                )
            }
        }
        router.get("/map-config.json") { _, _ -> Response in
            try JSONResponse.make(MapConfig(
                tiles: tiles, attribution: tiles == nil ? "Natural Earth (public domain)" : "", maxZoom: 18, timeZone: configuration.timeZone
            ))
        }
    }
}

/// What the pages need to draw their basemap.
struct MapConfig: Codable, Sendable {
    var tiles: String?
    var attribution: String
    var maxZoom: Int
    /// The service's zone: the pages show times in it (`HTTPConfiguration.timeZone`).
    var timeZone: String
}
