public import MGISCore

/// Where an exported row is on the map.
public enum ExportGeometry: Hashable, Sendable {
    case point(GeoPoint)
    /// A grid cell or any box, drawn as a closed polygon.
    case box(GeoBounds)
    case polygon(GeoPolygon)
}
