/// Where the simulated cars drive: the box around Lithuania the brief fixes.
///
/// Cars are kept strictly inside it, so every latitude and longitude is valid on the wire and
/// lands somewhere a map of the patrol area shows.
enum PatrolArea {
    static let latitudes = 54.0...56.4
    static let longitudes = 21.0...26.8
    /// Cars turn back this far (degrees) before the edge, so they rarely touch it.
    static let margin = 0.02

    static var center: (lat: Double, lon: Double) {
        ((latitudes.lowerBound + latitudes.upperBound) / 2, (longitudes.lowerBound + longitudes.upperBound) / 2)
    }

    /// `true` while a point is inside the box less its margin.
    static func isWellInside(lat: Double, lon: Double) -> Bool {
        lat > latitudes.lowerBound + margin && lat < latitudes.upperBound - margin
            && lon > longitudes.lowerBound + margin && lon < longitudes.upperBound - margin
    }
}
