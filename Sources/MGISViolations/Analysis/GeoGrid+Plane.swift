public import MGISCore

extension GeoGrid {
    /// `point` in the grid's plane: metres east and north of the grid origin (equirectangular at
    /// the reference latitude), where cell (r, c) spans [c·size, (c+1)·size) × [r·size, (r+1)·size).
    public func planeMeters(_ point: GeoPoint) -> (x: Double, y: Double) {
        ((point.longitude - origin.longitude) / cellWidthDegrees * cellSizeMeters,
         (point.latitude - origin.latitude) / cellHeightDegrees * cellSizeMeters)
    }
}
