import Foundation
import MGISTestSupport
import Testing

extension EndToEnd {

/// `mgisd demo` starts with tasks on the board, one in each stage of a task's life, so the
/// dispatch board, the patrol page and the reports show something from the first minute.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DemoTasksTests {
    @Test func testTheDemoSeedsTasksInEveryStageOnce() async throws {
        let directory = NSTemporaryDirectory() + "mgis-demotasks-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for round in 1...2 {
            let daemon = try Daemon(command: "demo", dataDirectory: directory, extra: ["--units", "8"], captureOutput: true)
            defer { daemon.terminate() }
            let line = try #require(try await onOwnThread { daemon.waitForLine(containing: "demo tasks)") }, "the demo did not start")
            #expect(line.contains("(6 demo tasks)"), "\(line)")
            let desk = try TaskPagesTests.token("dispatcher", directory: directory)
            let tasks = try await HTTPTestClient(port: daemon.httpPort).send("GET", "/api/v1/tasks", token: desk).json?["items"] as? [[String: Any]] ?? []
            let states = tasks.compactMap { $0["state"] as? String }
            #expect(states.count == 6, "round \(round): a restart adds none: \(states)")
            #expect(Set(states) == ["draft", "dispatched", "en_route", "on_scene", "completed", "cancelled"])
        }
    }
}
}
