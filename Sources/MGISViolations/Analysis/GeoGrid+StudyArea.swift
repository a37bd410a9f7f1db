extension GeoGrid {
    /// The grid an analysis of `violations` uses: over the filter's area (its bounding box)
    /// when the filter has one, otherwise over the box of the violations that pass the filter.
    /// - Throws: `ViolationError.Code.invalidArgument` when there is neither an area nor a matching violation.
    public static func studyArea(for violations: [Violation], filter: AnalysisFilter, cellSizeMeters: Double) throws -> GeoGrid {
        if let area = filter.area {
            return try GeoGrid(bounds: GeoBounds(area), cellSizeMeters: cellSizeMeters)
        }
        let points = violations.lazy.filter(filter.matches).map(\.location)
        guard let bounds = GeoBounds(points: points) else {
            throw ViolationError(.invalidArgument, "no violation matches the filter and the filter has no area, so there is no study area")
        }
        return try GeoGrid(bounds: bounds, cellSizeMeters: cellSizeMeters)
    }
}
