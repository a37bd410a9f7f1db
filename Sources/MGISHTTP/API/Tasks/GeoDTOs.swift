import MGISCore

/// A point as the API writes it: `{"lat": 54.68, "lon": 25.28}`.
struct GeoPointDTO: Codable, Sendable {
    var lat: Double
    var lon: Double

    init(_ point: GeoPoint) {
        lat = point.latitude
        lon = point.longitude
    }

    var point: GeoPoint { GeoPoint(latitude: lat, longitude: lon) }
}

/// A task area: `{"type":"circle","center":{...},"radiusMeters":500}` or
/// `{"type":"polygon","rings":[[{...},...]]}` (first ring outer, the others holes).
struct AreaDTO: Codable, Sendable {
    var type: String
    var center: GeoPointDTO?
    var radiusMeters: Double?
    var rings: [[GeoPointDTO]]?

    init(_ area: GeoArea) {
        switch area {
        case .circle(let center, let radius):
            type = "circle"
            self.center = GeoPointDTO(center)
            radiusMeters = radius
        case .polygon(let polygon):
            type = "polygon"
            rings = [polygon.outer.map(GeoPointDTO.init)] + polygon.holes.map { $0.map(GeoPointDTO.init) }
        }
    }

    func area(field: String) throws -> GeoArea {
        switch type {
        case "circle":
            guard let center else { throw APIError.invalidField("\(field).center", "is required for a circle") }
            guard let radiusMeters else { throw APIError.invalidField("\(field).radiusMeters", "is required for a circle") }
            return .circle(center: center.point, radiusMeters: radiusMeters)
        case "polygon":
            guard let rings, let outer = rings.first else { throw APIError.invalidField("\(field).rings", "needs an outer ring") }
            return .polygon(GeoPolygon(outer: outer.map(\.point), holes: rings.dropFirst().map { $0.map(\.point) }))
        default:
            throw APIError.invalidField("\(field).type", "must be \"circle\" or \"polygon\"")
        }
    }
}

/// A planned time window: `{"start": RFC 3339, "end": RFC 3339}`.
struct WindowDTO: Codable, Sendable {
    var start: String
    var end: String

    init(startMillis: Int64, endMillis: Int64) {
        start = Timestamp.string(startMillis)
        end = Timestamp.string(endMillis)
    }

    func millis(field: String) throws -> (start: Int64, end: Int64) {
        guard let startMillis = Timestamp.millis(start) else { throw APIError.invalidField("\(field).start", "must be an RFC 3339 time") }
        guard let endMillis = Timestamp.millis(end) else { throw APIError.invalidField("\(field).end", "must be an RFC 3339 time") }
        return (startMillis, endMillis)
    }
}

/// Unit ids are strings in the API (as on the live feed).
enum UnitIDs {
    static func parse(_ texts: [String], field: String) throws -> [Int64] {
        try texts.enumerated().map { index, text in
            guard let id = Int64(text), id > 0 else { throw APIError.invalidField("\(field)[\(index)]", "must be a unit id") }
            return id
        }
    }
}
