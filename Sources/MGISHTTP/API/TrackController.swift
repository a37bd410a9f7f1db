import Foundation
import HTTPTypes
import Hummingbird
import MGISCore
import MGISStore

/// A unit's positions as GeoJSON: one LineString of the page's track, then a Point per fix.
///
/// Paged: a page holds at most `limit` fixes (at most `HTTPLimits.maxTrackPoints`, the default),
/// the oldest in the range; when more follow, the answer's `next` member (and a `Link` header)
/// is the address of the next page. No read holds more than one page of a device's history.
struct TrackController {
    let deps: APIDependencies

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/units/{id}/track") { request, context, identity in
            let unitID = try context.id(what: "unit")
            let unit = try await BlockingIO.run { try UnitController.visibleUnit(unitID, identity, deps.store) }
            let query = request.uri.queryParameters
            let now = WallClock.nowMillis()
            let to = try query.get("to").map { try Self.time($0, field: "to") } ?? now
            let from = try query.get("from").map { try Self.time($0, field: "from") } ?? max(0, to - 86_400_000)
            guard from <= to else { throw APIError.invalidField("from", "must not be after 'to'") }
            let maxLimit = deps.configuration.limits.maxTrackPoints
            let limit = try query.get("limit").map { text -> Int in
                guard let value = Int(text), (1...maxLimit).contains(value) else { throw APIError.invalidField("limit", "must be 1 ... \(maxLimit)") }
                return value
            } ?? maxLimit
            let page = try await BlockingIO.run {
                var fixes: [StoredFix] = []
                for device in unit.deviceIDs {
                    // One more than the page, so that a following page is noticed.
                    fixes += try deps.store.fixes(device: device, from: from, to: to, limit: limit + 1)
                }
                return TrackPage(fixes.sorted { ($0.fix.timeMillis, $0.device.rawValue) < ($1.fix.timeMillis, $1.device.rawValue) }, limit: limit)
            }
            let next = page.nextFrom.map { "/api/v1/units/\(unit.id)/track?from=\(Timestamp.string($0))&to=\(Timestamp.string(to))&limit=\(limit)" }
            var response = JSONResponse.raw(
                Self.geoJSON(unit: unit, fixes: page.fixes, from: from, to: to, next: next), contentType: "application/geo+json"
            )
            if let next { response.headers[HTTPField.Name("Link")!] = "<\(next)>; rel=\"next\"" }
            return response
        }
    }

    static func time(_ text: String, field: String) throws -> Int64 {
        guard let millis = Timestamp.millis(text) else {
            throw APIError.invalidField(field, "must be RFC 3339 or Unix seconds between 1970 and 9999")
        }
        return millis
    }

    static func geoJSON(unit: PatrolUnit, fixes: [StoredFix], from: Int64, to: Int64, next: String? = nil) -> Data {
        var out = "{\"type\":\"FeatureCollection\",\"unit\":\"\(unit.id)\",\"from\":\"\(Timestamp.string(from))\",\"to\":\"\(Timestamp.string(to))\","
        if let next { out += "\"next\":\"\(next)\"," }
        out += "\"features\":["
        var first = true
        if fixes.count >= 2 {
            out += "{\"type\":\"Feature\",\"properties\":{\"kind\":\"track\",\"unit\":\"\(unit.id)\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":["
            out += fixes.map { "[\(Self.decimal($0.fix.lonE7)),\(Self.decimal($0.fix.latE7))]" }.joined(separator: ",")
            out += "]}}"
            first = false
        }
        for stored in fixes {
            let fix = stored.fix
            if !first { out += "," }
            first = false
            out += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(Self.decimal(fix.lonE7)),\(Self.decimal(fix.latE7))]},"
            out += "\"properties\":{\"kind\":\"fix\",\"device\":\(stored.device.rawValue),\"time\":\"\(Timestamp.string(fix.timeMillis))\","
            out += "\"speed\":\(fix.speedMetersPerSecond.map { "\($0)" } ?? "null"),\"heading\":\(fix.headingDegrees.map { "\($0)" } ?? "null"),"
            out += "\"flags\":\(fix.flags.rawValue)}}"
        }
        out += "]}"
        return Data(out.utf8)
    }

    /// E7 fixed point as an exact decimal.
    static func decimal(_ e7: Int32) -> String {
        let magnitude = abs(Int64(e7))
        let fraction = String(magnitude % 10_000_000)
        return (e7 < 0 ? "-" : "") + "\(magnitude / 10_000_000)." + String(repeating: "0", count: 7 - fraction.count) + fraction
    }
}
