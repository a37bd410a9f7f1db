import Foundation
import MGISCore
import MGISViolations
import Testing

@Suite struct ExportTests {
    @Test func testCSVQuotingFollowsRFC4180() {
        #expect(CSVWriter.record(["a", "b,c", "say \"hi\"", "x\ny", ""]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\r\n")
    }

    @Test func testPatrolEffortAsCSVAndGeoJSON() throws {
        let grid = try Fixtures.grid(rows: 1, columns: 2)
        let a = grid.cell(GridCellID(row: 0, column: 0)).center, b = grid.cell(GridCellID(row: 0, column: 1)).center
        let effort = try PatrolEffort.compute(
            tracks: [[TrackPoint(timeMillis: 0, point: a), TrackPoint(timeMillis: 360_000 / 2, point: a)]],
            violations: [Fixtures.violation(latitude: b.latitude, longitude: b.longitude)], grid: grid, maxGapMillis: 600_000
        )
        #expect(effort.csv() == "row,col,hours,violations,violations_per_hour,coverage\r\n0,0,0.05,0,0.0,patrolled\r\n0,1,0.0,1,,unpatrolled\r\n")

        let json = try JSONSerialization.jsonObject(with: Data(effort.geoJSON().utf8)) as? [String: Any]
        #expect(json?["type"] as? String == "FeatureCollection")
        let features = try #require(json?["features"] as? [[String: Any]])
        #expect(features.count == 2)
        let geometry = try #require(features[1]["geometry"] as? [String: Any])
        let ring = try #require((geometry["coordinates"] as? [[[Double]]])?.first)
        #expect(geometry["type"] as? String == "Polygon" && ring.count == 5 && ring.first == ring.last)
        // [longitude, latitude] order: the cell's south-west corner first.
        let bounds = grid.cell(GridCellID(row: 0, column: 1)).bounds
        // (JSONSerialization may round the last digit, so compare to 1e-15°.)
        #expect(abs(ring[0][0] - bounds.minLongitude) < 1e-15 && abs(ring[0][1] - bounds.minLatitude) < 1e-15)
        let properties = try #require(features[1]["properties"] as? [String: Any])
        #expect(properties["violations_per_hour"] is NSNull && properties["coverage"] as? String == "unpatrolled")
    }

    @Test func testTextIsEscapedInGeoJSON() throws {
        let plan = ExportTable(columns: ["note"], rows: [.init(geometry: nil, values: [.string("a \"b\"\n\\ \u{1}")])])
        let text = GeoJSONWriter.write(plan)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let feature = try #require((json?["features"] as? [[String: Any]])?.first)
        #expect((feature["properties"] as? [String: Any])?["note"] as? String == "a \"b\"\n\\ \u{1}")
        #expect(feature["geometry"] is NSNull)
    }

    @Test func testMatrixAndTrendsExportEveryRow() throws {
        let matrix = HourWeekdayMatrix(timeZoneIdentifier: "UTC", counts: Array(0..<168))
        let lines = matrix.csv().split(separator: "\r\n")
        #expect(lines.count == 169 && lines[1] == "1,0,0" && lines[168] == "7,23,167")
        let trends = try Trends.compute([Fixtures.violation(millis: Fixtures.millis("2024-03-04T10:00:00Z"), value: 5)], period: .week, timeZoneIdentifier: "UTC")
        #expect(trends.csv().contains(",2024-03-04T00:00:00.000Z,1,5.0,,,,\r\n"))
    }
}
