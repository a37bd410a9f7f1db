import MGISCore
import MGISViolations
import Testing

@Suite struct PlanTests {
    /// Hotspots on a 5 × 5 grid with the given bins (others 0) and a count of 1 per hot cell.
    func hotspots(_ bins: [GridCellID: Int]) throws -> Hotspots {
        let grid = try Fixtures.grid(rows: 5, columns: 5)
        let cells = (0..<25).map { i in
            let id = grid.cellID(atIndex: i)
            let bin = bins[id] ?? 0
            return HotspotCell(cell: grid.cell(id), count: bin > 0 ? 1 : 0, neighbourCount: 9, zScore: Double(bin), pValue: 1, bin: bin)
        }
        return Hotspots(grid: grid, neighbourhood: .queen, correction: .benjaminiHochberg, cells: cells, mean: 0, standardDeviation: 1)
    }

    func id(_ row: Int, _ column: Int) -> GridCellID { GridCellID(row: row, column: column) }

    @Test func testOutlineCoversExactlyTheComponentIncludingDiagonals() throws {
        // (1,1) (1,2) (2,2) are edge-joined, (3,3) only touches (2,2) at a corner; (0,4) is apart; (2,1) is only 90 %.
        let result = try hotspots([id(1, 1): 3, id(1, 2): 2, id(2, 2): 3, id(3, 3): 2, id(0, 4): 3, id(2, 1): 1])
        let matrix = HourWeekdayMatrix(timeZoneIdentifier: "UTC", counts: [1] + Array(repeating: 0, count: 167))
        let plan = try HotspotPlan.suggest(hotspots: result, at: id(1, 1), matrix: matrix, nowMillis: 0)
        #expect(plan.cells == [id(1, 1), id(1, 2), id(2, 2), id(3, 3)])
        #expect(plan.violationCount == 4)
        guard case .polygon(let polygon) = plan.area else {
            Issue.record("the area is not a polygon")
            return
        }
        #expect(polygon.holes.isEmpty)
        for row in 0..<5 {
            for column in 0..<5 {
                let inside = polygon.contains(result.grid.cell(id(row, column)).center)
                #expect(inside == plan.cells.contains(id(row, column)), "cell \(id(row, column))")
            }
        }
        #expect(throws: ViolationError.self) { try HotspotPlan.suggest(hotspots: result, at: id(2, 1), matrix: matrix, nowMillis: 0) }
    }

    @Test func testRingOfCellsHasAHole() throws {
        var bins: [GridCellID: Int] = [:]
        for row in 1...3 { for column in 1...3 where !(row == 2 && column == 2) { bins[id(row, column)] = 3 } }
        let result = try hotspots(bins)
        let polygon = try #require(CellOutline.polygon(of: Set(bins.keys), in: result.grid))
        #expect(polygon.outer.count == 4 && polygon.holes.count == 1 && polygon.holes[0].count == 4)
        #expect(!polygon.contains(result.grid.cell(id(2, 2)).center))
        #expect(polygon.contains(result.grid.cell(id(3, 1)).center))
    }

    /// Friday 18:00-22:00 holds 5 + 6 + 4 + 3 = 18; starting at 17 gives 15, at 19 gives 14.
    @Test func testTimeWindowIsTheBusiestSpanOfTheBusiestDay() throws {
        var counts = [Int](repeating: 0, count: 168)
        for (hour, n) in [17: 0, 18: 5, 19: 6, 20: 4, 21: 3, 22: 1] { counts[(5 - 1) * 24 + hour] = n }
        counts[(2 - 1) * 24 + 10] = 12  // Tuesday: fewer in total
        let matrix = HourWeekdayMatrix(timeZoneIdentifier: "Europe/Vilnius", counts: counts)
        let result = try hotspots([id(2, 2): 3])
        // Wednesday 2024-03-27 12:00Z → Friday 2024-03-29 18:00 at +02 = 16:00Z.
        let plan = try HotspotPlan.suggest(hotspots: result, at: id(2, 2), matrix: matrix, nowMillis: Fixtures.millis("2024-03-27T12:00:00Z"))
        #expect(plan.weekday == 5 && plan.startHour == 18 && plan.windowViolations == 19 - 1)
        #expect(plan.startMillis == Fixtures.millis("2024-03-29T16:00:00Z"))
        #expect(plan.endMillis == Fixtures.millis("2024-03-29T20:00:00Z"))
        #expect(plan.title.hasPrefix("Hotspot patrol, Friday 18:00–22:00 ("), "\(plan.title)")
        #expect(!plan.title.contains("r2c2") && !plan.title.contains("(s)"), "no grid ids or debug plurals: \(plan.title)")
        // After the change to summer time: Friday 2024-04-05 18:00 at +03 = 15:00Z.
        let later = try HotspotPlan.suggest(hotspots: result, at: id(2, 2), matrix: matrix, nowMillis: Fixtures.millis("2024-03-30T12:00:00Z"))
        #expect(later.startMillis == Fixtures.millis("2024-04-05T15:00:00Z"))
    }
}
