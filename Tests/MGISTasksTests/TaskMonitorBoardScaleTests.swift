import Foundation
import MGISCore
import MGISTasks
import Testing

/// 1,000 active polygon tasks over 250 units (four each), every fix from a unit with tasks: the
/// worst case for the ingest path. Checks the events against an independent count; what it costs
/// per fix is measured by the ingest benchmark with tasks (BENCHMARKS.md), not here.
@Suite struct TaskMonitorBoardScaleTests {
    static let unitCount = 250
    static let tasksPerUnit = 4
    static let fixCount = 100_000

    @Test func testThousandPolygonTasksMatchAnIndependentCount() throws {
        var random = SplitMix64(seed: 7)
        var board = TaskMonitorBoard()
        var areasByUnit: [Int64: [GeoArea]] = [:]
        var homes: [Int64: GeoPoint] = [:]
        for unit in 1...Int64(Self.unitCount) {
            let home = GeoPoint(latitude: random.uniform(54.0...56.0), longitude: random.uniform(21.0...26.0))
            homes[unit] = home
            for index in 0..<Self.tasksPerUnit {
                let center = GeoPoint(
                    latitude: home.latitude + random.uniform(-0.05...0.05), longitude: home.longitude + random.uniform(-0.05...0.05))
                let area = Self.polygon(around: center, radiusDegrees: 0.02, vertices: 50)
                areasByUnit[unit, default: []].append(area)
                let id = unit * 10 + Int64(index)
                board.add(try Fixtures.dispatchedTask(id: id, units: [unit], area: area, dispatchedAt: Fixtures.t0))
            }
        }
        let fixes = (0..<Self.fixCount).map { step -> (Int64, Fix) in
            let unit = Int64(step % Self.unitCount) + 1
            let home = homes[unit]!
            let fix = Fixtures.fix(
                Fixtures.t0 + 1000 + Int64(step), home.latitude + random.uniform(-0.08...0.08), home.longitude + random.uniform(-0.08...0.08))
            return (unit, fix)
        }

        var arrivals = 0
        for (unit, fix) in fixes {
            for event in board.observe(unitID: unit, fix: fix) {
                if case .arrived = event { arrivals += 1 }
            }
        }

        var expectedArrivals = 0
        var inside: [Int64: [Bool]] = areasByUnit.mapValues { Array(repeating: false, count: $0.count) }
        for (unit, fix) in fixes {
            for (index, area) in areasByUnit[unit]!.enumerated() {
                let now = area.contains(fix.point)
                if now, !inside[unit]![index] { expectedArrivals += 1 }
                inside[unit]![index] = now
            }
        }
        #expect(arrivals == expectedArrivals)
        #expect(arrivals > 1000)  // the track really enters areas, so exact tests ran

    }

    private static func polygon(around center: GeoPoint, radiusDegrees: Double, vertices: Int) -> GeoArea {
        let ring = (0..<vertices).map { index in
            let angle = Double(index) / Double(vertices) * 2 * .pi
            let wobble = index.isMultiple(of: 2) ? 1.0 : 0.7
            return GeoPoint(
                latitude: center.latitude + radiusDegrees * wobble * sin(angle),
                longitude: center.longitude + radiusDegrees * wobble * cos(angle))
        }
        return .polygon(GeoPolygon(outer: ring))
    }
}
