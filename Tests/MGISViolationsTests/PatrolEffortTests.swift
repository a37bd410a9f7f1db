import MGISCore
import MGISViolations
import Testing

@Suite struct PatrolEffortTests {
    /// Cells A (0,0), B (0,1) and C (1,1) of a 2 × 2 grid of 1 km.
    ///
    /// Device 1: A@0 s, A@60, B@120, B@180, A@780 (a 10-minute gap), A@810.
    /// Device 2: B@0, B@100.
    /// Each interval goes to the cell of its earlier point:
    /// A = 60 (0→60) + 60 (60→120) + 30 (780→810) = 150 s; B = 60 (120→180) + 100 = 160 s;
    /// 180→780 is longer than 5 minutes and not counted.
    @Test func testConstructedTracks() throws {
        let grid = try Fixtures.grid(rows: 2, columns: 2)
        let a = grid.cell(GridCellID(row: 0, column: 0)).center
        let b = grid.cell(GridCellID(row: 0, column: 1)).center
        let c = grid.cell(GridCellID(row: 1, column: 1)).center
        let t0: Int64 = 1_700_000_000_000
        func p(_ seconds: Int64, _ point: GeoPoint) -> TrackPoint { TrackPoint(timeMillis: t0 + seconds * 1000, point: point) }
        let tracks = [
            [p(0, a), p(60, a), p(120, b), p(180, b), p(780, a), p(810, a)],
            [p(0, b), p(100, b)],
        ]
        let violations = [
            Fixtures.violation(id: 1, latitude: a.latitude, longitude: a.longitude),
            Fixtures.violation(id: 2, latitude: a.latitude, longitude: a.longitude),
            Fixtures.violation(id: 3, latitude: c.latitude, longitude: c.longitude),
        ]
        let effort = try PatrolEffort.compute(tracks: tracks, violations: violations, grid: grid)
        #expect(effort.cells.map(\.cell.id) == [GridCellID(row: 0, column: 0), GridCellID(row: 0, column: 1), GridCellID(row: 1, column: 1)])
        #expect(effort.cells.map(\.hours) == [150.0 / 3600, 160.0 / 3600, 0])
        #expect(effort.cells.map(\.violations) == [2, 0, 1])
        #expect(effort.cells[0].violationsPerHour == 2 / (150.0 / 3600))
        #expect(effort.cells[1].violationsPerHour == 0)
        #expect(effort.cells[2].violationsPerHour == nil && effort.cells[2].coverage == .unpatrolled)
        #expect(effort.cells[1].coverage == .patrolled)
        #expect(effort.totalHours == 310.0 / 3600)

        // A 15-minute maximum gap counts 180→780 (600 s) for B.
        let lenient = try PatrolEffort.compute(tracks: tracks, violations: [], grid: grid, maxGapMillis: 900_000)
        #expect(lenient.cells.map(\.hours) == [150.0 / 3600, 760.0 / 3600])
        // A time range keeps intervals whose earlier point is inside it: 60→120 and 120→180 only from device 1.
        let window = AnalysisFilter(timeRange: (t0 + 60_000)..<(t0 + 121_000))
        let ranged = try PatrolEffort.compute(tracks: [tracks[0]], violations: [], grid: grid, filter: window)
        #expect(ranged.cells.map(\.hours) == [60.0 / 3600, 60.0 / 3600])
    }
}
