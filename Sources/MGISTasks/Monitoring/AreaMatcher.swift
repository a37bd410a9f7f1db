import Foundation
import MGISCore

/// A task area prepared for the ingest path: a latitude/longitude box around it rejects most
/// fixes with four comparisons before the exact (haversine or point-in-polygon) test runs.
///
/// The box is conservative, so `contains` always agrees with `GeoArea.contains`.
struct AreaMatcher: Sendable {
    let area: GeoArea
    private let minLatitude: Double
    private let maxLatitude: Double
    private let minLongitude: Double
    private let maxLongitude: Double

    init(_ area: GeoArea) {
        self.area = area
        switch area {
        case .polygon(let polygon):
            let bounds = polygon.bounds
            (minLatitude, minLongitude) = (bounds.minLatitude, bounds.minLongitude)
            (maxLatitude, maxLongitude) = (bounds.maxLatitude, bounds.maxLongitude)
        case .circle(let center, let radius):
            // 1% margin over the circle's angular radius; longitude widens by 1/cos(latitude)
            // at the box's most polar edge. Near a pole or the antimeridian, no box at all.
            let latitudeSpan = radius / GeoPoint.earthRadiusMeters * 180 / .pi * 1.01
            let south = center.latitude - latitudeSpan
            let north = center.latitude + latitudeSpan
            let polar = max(abs(south), abs(north))
            let longitudeSpan = polar < 89 ? latitudeSpan / cos(polar * .pi / 180) : .infinity
            let west = center.longitude - longitudeSpan
            let east = center.longitude + longitudeSpan
            if west > -180, east < 180, radius.isFinite {
                (minLatitude, maxLatitude, minLongitude, maxLongitude) = (south, north, west, east)
            } else {
                (minLatitude, maxLatitude, minLongitude, maxLongitude) = (-.infinity, .infinity, -.infinity, .infinity)
            }
        }
    }

    /// Whether `point` is in the area, exactly as `GeoArea.contains` decides.
    @inline(__always)
    func contains(_ point: GeoPoint) -> Bool {
        guard point.latitude >= minLatitude, point.latitude <= maxLatitude,
            point.longitude >= minLongitude, point.longitude <= maxLongitude
        else { return false }
        return area.contains(point)
    }
}
