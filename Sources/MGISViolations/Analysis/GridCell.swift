public import MGISCore

/// A cell of a `GeoGrid` with its geometry, as results report it.
public struct GridCell: Hashable, Sendable, Codable {
    public var id: GridCellID
    /// The cell's edges in degrees.
    public var bounds: GeoBounds
    /// The middle of the cell in degrees.
    public var center: GeoPoint

    public init(id: GridCellID, bounds: GeoBounds, center: GeoPoint) {
        self.id = id
        self.bounds = bounds
        self.center = center
    }
}
