import Foundation
import Hummingbird
import MGISLive
import MGISStore
import NIOCore

/// The endpoints anyone may call: health, the API document and the map configuration.
struct PublicEndpoints {
    let store: Store
    let live: LiveState
    let configuration: HTTPConfiguration

    func register(on router: Router<MGISRequestContext>) {
        router.get("/healthz") { _, _ -> Response in
            let devices = try? store.devices().count
            let report = HealthReport(
                status: devices == nil ? "degraded" : "ok",
                store: devices == nil ? "unreadable" : "ok",
                devices: devices ?? 0,
                liveUnits: live.count,
                version: HTTPApplication.version
            )
            return try JSONResponse.make(report, status: devices == nil ? .serviceUnavailable : .ok)
        }
        router.get("/api/openapi.json") { _, _ -> Response in
            let path = HTTPApplication.publicDirectory + "/openapi.json"
            guard let data = FileManager.default.contents(atPath: path) else { throw APIError.notFound("the API document") }
            return JSONResponse.raw(data, contentType: "application/json; charset=utf-8")
        }
        let tiles = configuration.tileURL
        router.get("/map-config.json") { _, _ -> Response in
            try JSONResponse.make(MapConfig(tiles: tiles, attribution: tiles == nil ? "Natural Earth (public domain)" : "", maxZoom: 18))
        }
    }
}

/// What the pages need to draw their basemap.
struct MapConfig: Codable, Sendable {
    var tiles: String?
    var attribution: String
    var maxZoom: Int
}
