/// A latitude/longitude box the synthetic fleet drives in.
public struct TraceRegion: Hashable, Sendable {
    public var minLatitude: Double
    public var maxLatitude: Double
    public var minLongitude: Double
    public var maxLongitude: Double

    public init(minLatitude: Double, maxLatitude: Double, minLongitude: Double, maxLongitude: Double) {
        precondition(minLatitude < maxLatitude && minLongitude < maxLongitude, "a region has positive extent")
        precondition(-85 <= minLatitude && maxLatitude <= 85 && -180 <= minLongitude && maxLongitude <= 180, "a region lies on the map")
        self.minLatitude = minLatitude
        self.maxLatitude = maxLatitude
        self.minLongitude = minLongitude
        self.maxLongitude = maxLongitude
    }

    /// Vilnius inside its ring roads, about 12 x 13 km.
    public static let vilnius = TraceRegion(minLatitude: 54.63, maxLatitude: 54.74, minLongitude: 25.15, maxLongitude: 25.35)

    /// Whether a wire position lies in the box (edges included).
    public func contains(latE7: Int32, lonE7: Int32) -> Bool {
        (Int64((minLatitude * 1e7).rounded())...Int64((maxLatitude * 1e7).rounded())).contains(Int64(latE7))
            && (Int64((minLongitude * 1e7).rounded())...Int64((maxLongitude * 1e7).rounded())).contains(Int64(lonE7))
    }
}
