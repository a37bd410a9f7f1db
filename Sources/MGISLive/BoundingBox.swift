/// A rectangle in degrees, as a client sends it: `[minLon, minLat, maxLon, maxLat]`.
///
/// Edges are inclusive. A box whose `minLon` is greater than its `maxLon` crosses the
/// antimeridian and contains the longitudes outside `maxLon ..< minLon`.
public struct BoundingBox: Hashable, Sendable {
    /// Western edge, degrees.
    public var minLon: Double
    /// Southern edge, degrees.
    public var minLat: Double
    /// Eastern edge, degrees.
    public var maxLon: Double
    /// Northern edge, degrees.
    public var maxLat: Double

    /// - Parameters:
    ///   - minLon: western edge, degrees.
    ///   - minLat: southern edge, degrees.
    ///   - maxLon: eastern edge, degrees.
    ///   - maxLat: northern edge, degrees.
    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }

    /// Reads the protocol's array form `[minLon, minLat, maxLon, maxLat]`.
    ///
    /// Returns `nil` unless there are exactly four finite numbers, latitudes within ±90 with
    /// `minLat <= maxLat`, and longitudes within ±180.
    public init?(_ values: [Double]) {
        guard values.count == 4, values.allSatisfy(\.isFinite) else { return nil }
        let (minLon, minLat, maxLon, maxLat) = (values[0], values[1], values[2], values[3])
        guard (-90...90).contains(minLat), (-90...90).contains(maxLat), minLat <= maxLat,
            (-180...180).contains(minLon), (-180...180).contains(maxLon)
        else { return nil }
        self.init(minLon: minLon, minLat: minLat, maxLon: maxLon, maxLat: maxLat)
    }

    /// Whether a point lies in the box, edges included.
    public func contains(lat: Double, lon: Double) -> Bool {
        guard lat >= minLat, lat <= maxLat else { return false }
        if minLon <= maxLon {
            return lon >= minLon && lon <= maxLon
        }
        return lon >= minLon || lon <= maxLon
    }
}
