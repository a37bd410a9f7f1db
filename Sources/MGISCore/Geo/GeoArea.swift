/// An area on the map: a circle (centre and radius) or a polygon. Task areas and analysis
/// filters are both one of these.
public enum GeoArea: Hashable, Sendable, Codable {
    case circle(center: GeoPoint, radiusMeters: Double)
    case polygon(GeoPolygon)

    /// Whether `point` is inside (a circle includes its rim).
    public func contains(_ point: GeoPoint) -> Bool {
        switch self {
        case .circle(let center, let radius): center.distanceMeters(to: point) <= radius
        case .polygon(let polygon): polygon.contains(point)
        }
    }

    /// A finite, positive radius on the globe, or a valid polygon.
    public var isValid: Bool {
        switch self {
        case .circle(let center, let radius): center.isValid && radius.isFinite && radius > 0
        case .polygon(let polygon): polygon.isValid
        }
    }
}
