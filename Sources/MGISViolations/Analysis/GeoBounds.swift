public import MGISCore

/// A latitude/longitude box: the study area of a grid and the extent of a result.
/// Boxes do not cross the antimeridian (no customs area of MGIS does).
public struct GeoBounds: Hashable, Sendable, Codable {
    public var minLatitude: Double
    public var minLongitude: Double
    public var maxLatitude: Double
    public var maxLongitude: Double

    public init(minLatitude: Double, minLongitude: Double, maxLatitude: Double, maxLongitude: Double) {
        self.minLatitude = minLatitude
        self.minLongitude = minLongitude
        self.maxLatitude = maxLatitude
        self.maxLongitude = maxLongitude
    }

    /// The box around a polygon's outer ring.
    public init(_ polygon: GeoPolygon) {
        let b = polygon.bounds
        self.init(minLatitude: b.minLatitude, minLongitude: b.minLongitude, maxLatitude: b.maxLatitude, maxLongitude: b.maxLongitude)
    }

    /// The smallest box holding every point, or `nil` when there are none.
    public init?(points: some Sequence<GeoPoint>) {
        var b = GeoBounds(minLatitude: .infinity, minLongitude: .infinity, maxLatitude: -.infinity, maxLongitude: -.infinity)
        for p in points {
            b.minLatitude = min(b.minLatitude, p.latitude)
            b.minLongitude = min(b.minLongitude, p.longitude)
            b.maxLatitude = max(b.maxLatitude, p.latitude)
            b.maxLongitude = max(b.maxLongitude, p.longitude)
        }
        guard b.minLatitude.isFinite else { return nil }
        self = b
    }

    /// Finite corners on the globe, minimum ≤ maximum.
    public var isValid: Bool {
        GeoPoint(latitude: minLatitude, longitude: minLongitude).isValid
            && GeoPoint(latitude: maxLatitude, longitude: maxLongitude).isValid
            && minLatitude <= maxLatitude && minLongitude <= maxLongitude
    }

    /// The middle of the box in degrees.
    public var center: GeoPoint {
        GeoPoint(latitude: (minLatitude + maxLatitude) / 2, longitude: (minLongitude + maxLongitude) / 2)
    }

    /// Whether `point` is in the box, edges included.
    public func contains(_ point: GeoPoint) -> Bool {
        (minLatitude...maxLatitude).contains(point.latitude) && (minLongitude...maxLongitude).contains(point.longitude)
    }

    /// The box as a counter-clockwise polygon (south-west, south-east, north-east, north-west).
    public var polygon: GeoPolygon {
        GeoPolygon(outer: [
            GeoPoint(latitude: minLatitude, longitude: minLongitude),
            GeoPoint(latitude: minLatitude, longitude: maxLongitude),
            GeoPoint(latitude: maxLatitude, longitude: maxLongitude),
            GeoPoint(latitude: maxLatitude, longitude: minLongitude),
        ])
    }
}
