import Foundation
import MGISCore
import MGISTasks
import Testing

@Suite struct TaskModelTests {
    @Test func testWireNamesAreSnakeCase() {
        #expect(TaskState.enRoute.rawValue == "en_route")
        #expect(TaskState.onScene.rawValue == "on_scene")
        #expect(TaskType.areaPatrol.rawValue == "area_patrol")
        #expect(TaskOutcome.violationsFound.rawValue == "violations_found")
        #expect(TaskAlertKind.windowEndedNotCompleted.rawValue == "window_ended_not_completed")
    }

    @Test func testEveryStateIsExactlyOneOfDraftActiveOrTerminal() {
        for state in TaskState.allCases {
            let kinds = [state == .draft, state.isActive, state.isTerminal].filter { $0 }
            #expect(kinds.count == 1, "\(state)")
        }
        #expect(TaskState.allCases.filter(\.isTerminal) == [.completed, .failed, .cancelled])
    }

    @Test func testPrioritiesSortByUrgency() {
        #expect([TaskPriority.urgent, .low, .high, .normal].sorted() == [.low, .normal, .high, .urgent])
    }

    @Test func testTimeWindowIsHalfOpen() {
        let window = TimeWindow(startMillis: 100, endMillis: 200)
        #expect(window.contains(100))
        #expect(!window.contains(200))
        #expect(window.overlaps(startMillis: 199, endMillis: 300))
        #expect(!window.overlaps(startMillis: 200, endMillis: 300))
    }

    @Test func testTaskSurvivesAJSONRoundTrip() throws {
        let created = try Fixtures.draftTask(checklist: ["Check papers"])
        let task = try Fixtures.advance(created, [.dispatch(unitIDs: [7]), .acknowledge], startingAt: Fixtures.t0 + 1)
        let data = try JSONEncoder().encode(task)
        #expect(try JSONDecoder().decode(PatrolTask.self, from: data) == task)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"state\":\"acknowledged\""))
    }
}
