public import MGISCore

/// One stored GPS position of a patrol device, as `PatrolEffort` reads tracks.
public struct TrackPoint: Hashable, Sendable, Codable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var timeMillis: Int64
    public var point: GeoPoint

    public init(timeMillis: Int64, point: GeoPoint) {
        self.timeMillis = timeMillis
        self.point = point
    }

    /// A track point from a stored fix.
    public init(_ fix: Fix) {
        self.init(timeMillis: fix.timeMillis, point: fix.point)
    }
}
