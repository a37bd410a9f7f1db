/// A polygon as GeoJSON draws it: an outer ring and optional holes, each a closed or open
/// list of points (the closing point is optional here). Edges are straight in degrees,
/// which is what Leaflet draws and is exact enough at the size of a patrol area.
public struct GeoPolygon: Hashable, Sendable, Codable {
    public var outer: [GeoPoint]
    public var holes: [[GeoPoint]]

    public init(outer: [GeoPoint], holes: [[GeoPoint]] = []) {
        self.outer = outer
        self.holes = holes
    }

    /// At least three distinct corners and every corner on the globe.
    public var isValid: Bool {
        GeoPolygon.ringIsValid(outer) && holes.allSatisfy(GeoPolygon.ringIsValid)
    }

    /// Whether `point` lies inside the outer ring and outside every hole (even-odd rule).
    public func contains(_ point: GeoPoint) -> Bool {
        guard GeoPolygon.ring(outer, contains: point) else { return false }
        return !holes.contains { GeoPolygon.ring($0, contains: point) }
    }

    /// The smallest latitude/longitude box around the outer ring.
    public var bounds: (minLatitude: Double, minLongitude: Double, maxLatitude: Double, maxLongitude: Double) {
        var b = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
        for p in outer {
            b.0 = min(b.0, p.latitude); b.1 = min(b.1, p.longitude)
            b.2 = max(b.2, p.latitude); b.3 = max(b.3, p.longitude)
        }
        return b
    }

    static func ringIsValid(_ ring: [GeoPoint]) -> Bool {
        ring.allSatisfy(\.isValid) && Set(ring).count >= 3
    }

    /// Ray casting towards +longitude; a point exactly on an edge may fall either side.
    static func ring(_ ring: [GeoPoint], contains point: GeoPoint) -> Bool {
        guard ring.count >= 3 else { return false }
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.latitude > point.latitude) != (b.latitude > point.latitude) {
                let crossing = a.longitude + (point.latitude - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
                if point.longitude < crossing { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}
