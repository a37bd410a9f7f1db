import Foundation
import MGISCore
import MGISTasks
import Testing

@Suite struct TaskDraftValidationTests {
    @Test func testValidDraftPasses() throws {
        try Fixtures.draft(units: [1, 2], checklist: ["Check papers"]).validate()
    }

    @Test func testReportsEveryIssueWithItsField() {
        var draft = Fixtures.draft(units: [3, 4, 3], checklist: ["ok", "", String(repeating: "x", count: 501)])
        draft.title = "   "
        draft.instructions = String(repeating: "i", count: 10_001)
        draft.window = TimeWindow(startMillis: 1000, endMillis: 1000)
        draft.attachments = [AttachmentMetadata(name: "map.png", mediaType: "image", sizeBytes: -1, sha256Hex: "ABC")]
        #expect(throws: TaskValidationError.self) { try draft.validate() }
        do {
            try draft.validate()
        } catch {
            #expect(
                error.fields == [
                    "title", "instructions", "window.endMillis", "checklist[1]", "checklist[2]",
                    "attachments[0].mediaType", "attachments[0].sizeBytes", "attachments[0].sha256Hex", "assignedUnitIDs",
                ]
            )
            #expect(error.issues.last?.message.contains("repeated: 3") == true)
        }
    }

    @Test func testWindowLongerThan31DaysIsRefused() {
        let start = Fixtures.t0
        let ok = Fixtures.draft(window: TimeWindow(startMillis: start, endMillis: start + 31 * 24 * Fixtures.hour))
        let tooLong = Fixtures.draft(window: TimeWindow(startMillis: start, endMillis: start + 31 * 24 * Fixtures.hour + 1))
        #expect(throws: Never.self) { try ok.validate() }
        #expect(issues(of: tooLong) == ["window.endMillis"])
    }

    @Test func testAreaLimits() {
        let center = GeoPoint(latitude: 54.6, longitude: 25.2)
        #expect(issues(of: Fixtures.draft(area: .circle(center: center, radiusMeters: 100_000))) == [])
        #expect(issues(of: Fixtures.draft(area: .circle(center: center, radiusMeters: 100_001))) == ["area.radiusMeters"])
        #expect(issues(of: Fixtures.draft(area: .circle(center: center, radiusMeters: 0))) == ["area.radiusMeters"])
        #expect(issues(of: Fixtures.draft(area: .circle(center: GeoPoint(latitude: 91, longitude: 0), radiusMeters: 5))) == ["area.center"])

        let ring = (0..<1001).map { i in
            let angle = Double(i) / 1001 * 2 * .pi
            return GeoPoint(latitude: 54.6 + 0.01 * sin(angle), longitude: 25.2 + 0.01 * cos(angle))
        }
        #expect(issues(of: Fixtures.draft(area: .polygon(GeoPolygon(outer: Array(ring.prefix(1000)))))) == [])
        #expect(issues(of: Fixtures.draft(area: .polygon(GeoPolygon(outer: ring)))) == ["area.polygon"])
        let degenerate = GeoPolygon(outer: [center, center, center], holes: [[center]])
        #expect(issues(of: Fixtures.draft(area: .polygon(degenerate))) == ["area.polygon.outer", "area.polygon.holes[0]"])
    }

    @Test func testCountLimits() {
        var draft = Fixtures.draft(checklist: Array(repeating: "step", count: 101))
        draft.attachments = Array(repeating: AttachmentMetadata(name: "a.pdf", mediaType: "application/pdf", sizeBytes: 10), count: 21)
        #expect(issues(of: draft) == ["checklist", "attachments"])
        draft.checklist.removeLast()
        draft.attachments.removeLast()
        #expect(issues(of: draft) == [])
    }

    private func issues(of draft: TaskDraft) -> [String] {
        do {
            try draft.validate()
            return []
        } catch {
            return error.fields
        }
    }
}
