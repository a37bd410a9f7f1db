import Foundation

/// A point on the WGS 84 ellipsoid in degrees, for geometry on the domain side
/// (task areas, violation locations, analysis grids). Wire and store keep `Fix`'s fixed-point form.
public struct GeoPoint: Hashable, Sendable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether the coordinates are on the globe (and finite).
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && (-90...90).contains(latitude) && (-180...180).contains(longitude)
    }
}

extension GeoPoint {
    /// The mean Earth radius (IUGG), the radius every distance in MGIS uses.
    public static let earthRadiusMeters = 6_371_008.8

    /// Great-circle distance in metres (haversine): accurate to about 0.5% anywhere, better
    /// at patrol scales, which is all that arrival checks and kilometres driven need.
    public func distanceMeters(to other: GeoPoint) -> Double {
        let φ1 = latitude * .pi / 180, φ2 = other.latitude * .pi / 180
        let dφ = φ2 - φ1
        let dλ = (other.longitude - longitude) * .pi / 180
        let a = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * GeoPoint.earthRadiusMeters * asin(min(1, sqrt(a)))
    }
}

extension Fix {
    /// The fix's position as a `GeoPoint`.
    public var point: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }
}
