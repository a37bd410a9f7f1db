import Foundation
import MGISCore
import MGISViolations

/// Seeded synthetic violations and tracks over a 100 km × 100 km area around Vilnius:
/// 70 % uniform background, 30 % around 20 Gaussian hotspots (σ = 1 km), one year of times
/// with more violations in the evening.
struct SyntheticData {
    static let area = GeoBounds(minLatitude: 54.2, minLongitude: 24.5, maxLatitude: 55.1, maxLongitude: 26.05)
    static let yearStart: Int64 = 1_735_689_600_000  // 2025-01-01T00:00:00Z

    var rng: SplitMix64

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    mutating func uniformPoint() -> GeoPoint {
        let a = SyntheticData.area
        return GeoPoint(latitude: a.minLatitude + rng.unit() * (a.maxLatitude - a.minLatitude),
                        longitude: a.minLongitude + rng.unit() * (a.maxLongitude - a.minLongitude))
    }

    /// A standard normal pair by Box–Muller.
    mutating func gaussian() -> (Double, Double) {
        let u = max(rng.unit(), 1e-300), v = rng.unit()
        let r = (-2 * log(u)).squareRoot()
        return (r * cos(2 * Double.pi * v), r * sin(2 * Double.pi * v))
    }

    mutating func violations(_ count: Int) -> [Violation] {
        let centres = (0..<20).map { _ in uniformPoint() }
        let codes = ViolationTypeCatalog.standard.types.map(\.code)
        var result: [Violation] = []
        result.reserveCapacity(count)
        for id in 0..<count {
            var location = uniformPoint()
            if rng.unit() < 0.3 {
                let centre = centres[Int(rng.next() % 20)]
                let (dx, dy) = gaussian()
                location = GeoPoint(latitude: min(SyntheticData.area.maxLatitude, max(SyntheticData.area.minLatitude, centre.latitude + dy * 1000 / GeoGrid.metersPerDegree)),
                                    longitude: min(SyntheticData.area.maxLongitude, max(SyntheticData.area.minLongitude, centre.longitude + dx * 1000 / (GeoGrid.metersPerDegree * 0.58))))
            }
            // Evening-heavy: half of the violations between 16:00 and 24:00 UTC.
            let day = Int64(rng.next() % 365)
            let hour = rng.unit() < 0.5 ? Int64(16 + rng.next() % 8) : Int64(rng.next() % 24)
            let millis = SyntheticData.yearStart + day * 86_400_000 + hour * 3_600_000 + Int64(rng.next() % 3_600_000)
            result.append(Violation(
                id: Int64(id), observedMillis: millis, location: location, typeCode: codes[Int(rng.next() % UInt64(codes.count))],
                goodsDescription: "goods", estimatedValueEUR: rng.unit() < 0.8 ? (rng.unit() * 5000).rounded() : nil,
                unitID: Int64(rng.next() % 40), createdMillis: millis, updatedMillis: millis
            ))
        }
        return result
    }

    /// `devices` tracks of `pointsPerDevice` fixes every 10 s (a 1 % chance of a 10-minute gap),
    /// each a random walk of ~8 m per second.
    mutating func tracks(devices: Int, pointsPerDevice: Int) -> [[TrackPoint]] {
        (0..<devices).map { _ in
            var track: [TrackPoint] = []
            track.reserveCapacity(pointsPerDevice)
            var p = uniformPoint()
            var t = SyntheticData.yearStart + Int64(rng.next() % 86_400_000)
            let a = SyntheticData.area
            for _ in 0..<pointsPerDevice {
                track.append(TrackPoint(timeMillis: t, point: p))
                t += rng.unit() < 0.01 ? 600_000 : 10_000
                let (dx, dy) = gaussian()
                p = GeoPoint(latitude: min(a.maxLatitude, max(a.minLatitude, p.latitude + dy * 80 / GeoGrid.metersPerDegree)),
                             longitude: min(a.maxLongitude, max(a.minLongitude, p.longitude + dx * 80 / (GeoGrid.metersPerDegree * 0.58))))
            }
            return track
        }
    }
}
