import Foundation
import MGISCore
import MGISViolations
import Testing

@Suite struct GridTests {
    @Test func testCellSizesFollowTheEquirectangularRule() throws {
        let bounds = GeoBounds(minLatitude: 54, minLongitude: 25, maxLatitude: 55, maxLongitude: 26)
        let grid = try GeoGrid(bounds: bounds, cellSizeMeters: 500)
        let metersPerDegree = 6_371_008.8 * Double.pi / 180
        #expect(abs(grid.cellHeightDegrees - 500 / metersPerDegree) < 1e-15)
        #expect(abs(grid.cellWidthDegrees - 500 / (metersPerDegree * cos(54.5 * Double.pi / 180))) < 1e-15)
        // 1° of latitude is 111 195 m: 222.39 cells of 500 m, rounded up.
        #expect(grid.rows == 223)
        // A cell's sides measured with haversine are 500 m at the reference latitude.
        let cell = grid.cell(GridCellID(row: 111, column: 10))
        let b = cell.bounds
        let south = GeoPoint(latitude: 54.5, longitude: b.minLongitude).distanceMeters(to: GeoPoint(latitude: 54.5, longitude: b.maxLongitude))
        #expect(abs(south - 500) < 0.01)
    }

    @Test func testPointsFallInTheirCellAndEdgesAreClosed() throws {
        let grid = try Fixtures.grid(rows: 3, columns: 4)
        let h = grid.cellHeightDegrees, w = grid.cellWidthDegrees
        #expect(grid.cellID(for: GeoPoint(latitude: 1.5 * h, longitude: 2.5 * w)) == GridCellID(row: 1, column: 2))
        #expect(grid.cellID(for: GeoPoint(latitude: 0, longitude: 0)) == GridCellID(row: 0, column: 0))
        #expect(grid.cellID(for: GeoPoint(latitude: 3 * h, longitude: 4 * w)) == GridCellID(row: 2, column: 3))
        #expect(grid.cellID(for: GeoPoint(latitude: -h / 10, longitude: w)) == nil)
        #expect(grid.cellID(for: GeoPoint(latitude: h, longitude: 4.1 * w)) == nil)
        let cell = grid.cell(GridCellID(row: 1, column: 2))
        #expect(abs(cell.center.latitude - 1.5 * h) < 1e-15 && abs(cell.center.longitude - 2.5 * w) < 1e-15)
    }

    @Test func testTooManyCellsIsRefused() {
        let bounds = GeoBounds(minLatitude: 40, minLongitude: 0, maxLatitude: 60, maxLongitude: 40)
        #expect(throws: ViolationError.self) { try GeoGrid(bounds: bounds, cellSizeMeters: 100) }
        #expect(throws: ViolationError.self) { try GeoGrid(bounds: bounds, cellSizeMeters: 0) }
    }

    @Test func testCountsOnlyNonEmptyCellsAfterTheFilter() throws {
        let grid = try Fixtures.grid(rows: 2, columns: 2)
        let h = grid.cellHeightDegrees, w = grid.cellWidthDegrees
        let violations = [
            Fixtures.violation(id: 1, latitude: 0.5 * h, longitude: 0.5 * w, value: 10),
            Fixtures.violation(id: 2, latitude: 0.2 * h, longitude: 0.9 * w, value: 5),
            Fixtures.violation(id: 3, latitude: 1.5 * h, longitude: 1.5 * w),
            Fixtures.violation(id: 4, latitude: 1.5 * h, longitude: 1.5 * w, type: "alcohol"),
            Fixtures.violation(id: 5, latitude: 5 * h, longitude: 0.5 * w),  // outside the grid
        ]
        let counts = GridCounts.compute(violations, grid: grid)
        #expect(counts.cells.map(\.cell.id) == [GridCellID(row: 0, column: 0), GridCellID(row: 1, column: 1)])
        #expect(counts.cells.map(\.count) == [2, 2])
        #expect(counts.cells.map(\.valueSumEUR) == [15, 0])
        #expect(counts.total == 4)

        let fuelOnly = GridCounts.compute(violations, grid: grid, filter: AnalysisFilter(typeCodes: ["fuel"]))
        #expect(fuelOnly.cells.map(\.count) == [2, 1])
        let valued = GridCounts.compute(violations, grid: grid, filter: AnalysisFilter(valueRangeEUR: 6...100))
        #expect(valued.total == 1)
    }

    @Test func testFilterConditions() {
        let square = GeoPolygon(outer: [
            GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 0, longitude: 1),
            GeoPoint(latitude: 1, longitude: 1), GeoPoint(latitude: 1, longitude: 0),
        ])
        let filter = AnalysisFilter(timeRange: 100..<200, typeCodes: ["fuel"], area: square, unitID: 3, valueRangeEUR: 0...50)
        let good = Fixtures.violation(millis: 100, latitude: 0.5, longitude: 0.5, value: 50, unitID: 3)
        #expect(filter.matches(good))
        var v = good
        v.observedMillis = 200
        #expect(!filter.matches(v))
        v = good
        v.location = GeoPoint(latitude: 1.5, longitude: 0.5)
        #expect(!filter.matches(v))
        v = good
        v.unitID = nil
        #expect(!filter.matches(v))
        v = good
        v.estimatedValueEUR = nil
        #expect(!filter.matches(v))
        v = good
        v.typeCode = "drugs"
        #expect(!filter.matches(v))
    }

    @Test func testStudyAreaIsTheFilterPolygonOrTheData() throws {
        let violations = [Fixtures.violation(latitude: 10, longitude: 20), Fixtures.violation(latitude: 10.1, longitude: 20.2)]
        let fromData = try GeoGrid.studyArea(for: violations, filter: .all, cellSizeMeters: 1000)
        #expect(fromData.origin == GeoPoint(latitude: 10, longitude: 20))
        let area = GeoBounds(minLatitude: 9, minLongitude: 19, maxLatitude: 11, maxLongitude: 21).polygon
        let fromArea = try GeoGrid.studyArea(for: violations, filter: AnalysisFilter(area: area), cellSizeMeters: 1000)
        #expect(fromArea.origin == GeoPoint(latitude: 9, longitude: 19))
        #expect(throws: ViolationError.self) { try GeoGrid.studyArea(for: [], filter: .all, cellSizeMeters: 1000) }
    }
}
