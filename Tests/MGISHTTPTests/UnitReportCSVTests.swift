import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing

/// CSV exports neutralise spreadsheet formulas: a unit named `=HYPERLINK(...)` comes out of the
/// unit report as text (a leading `'`), while numbers, negative ones included, stay numbers.
@Suite struct UnitReportCSVTests {
    @Test func testUnitNamedAsAFormulaComesOutNeutralised() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let formula = "=HYPERLINK(\"http://x\",\"y\")"
            _ = try server.store.createUnit(name: formula, callSign: "F-1", homeStation: "")
            _ = try server.store.createUnit(name: "@SUM(A1)", callSign: "F-2", homeStation: "")
            _ = try server.store.createUnit(name: "Plain", callSign: "F-3", homeStation: "")
            let dispatcher = try server.token(for: "csv-dispatcher", roles: [.dispatcher])
            let reply = try await HTTPTestClient(port: server.httpPort).send("GET", "/api/v1/reports/units?format=csv", token: dispatcher)
            #expect(reply.status == 200)
            let text = reply.text
            #expect(text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), "report: \(text)")
            #expect(text.contains(",'@SUM(A1),"), "report: \(text)")
            #expect(text.contains(",Plain,"))
            // No cell of the report starts with a formula character any more.
            for line in text.split(separator: "\r\n") {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                #expect(!cells.contains { $0.first.map { "=+@".contains($0) } == true }, "line: \(line)")
            }
        }
    }
}
