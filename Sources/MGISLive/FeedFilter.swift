/// What one feed client wants to see. `nil` fields mean "no restriction".
public struct FeedFilter: Hashable, Sendable {
    /// Unit ids to show, or `nil` for every unit.
    public var units: Set<String>?
    /// Area to show, or `nil` for everywhere.
    public var bbox: BoundingBox?

    /// - Parameters:
    ///   - units: unit ids to show, or `nil` for every unit.
    ///   - bbox: area to show, or `nil` for everywhere.
    public init(units: Set<String>? = nil, bbox: BoundingBox? = nil) {
        self.units = units
        self.bbox = bbox
    }

    /// This filter intersected with another unit restriction (used to confine a patrol to its own unit).
    ///
    /// `nil` restricts nothing, so the result keeps whichever side restricts, or both when both do.
    public func restricted(toUnits other: Set<String>?) -> FeedFilter {
        guard let other else { return self }
        var result = self
        result.units = units.map { $0.intersection(other) } ?? other
        return result
    }

    /// Whether a unit passes the unit restriction.
    public func allows(unit id: String) -> Bool {
        units?.contains(id) ?? true
    }

    /// Whether a unit at this position passes both restrictions.
    public func allows(unit id: String, lat: Double, lon: Double) -> Bool {
        allows(unit: id) && (bbox?.contains(lat: lat, lon: lon) ?? true)
    }
}
