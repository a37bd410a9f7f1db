import Foundation
import MGISCore
import MGISTestSupport
import Testing

/// Task frames on a real live-feed WebSocket: the dispatcher and the assigned patrol hear a
/// dispatch at once, the frame says what each role may do next (worked out by the server, so the
/// pages need no copy of the lifecycle's rules), it matches its OpenAPI schema, and a patrol of
/// another unit hears nothing of it.
@Suite struct TaskFeedTests {
    @Test func testDispatchIsPushedWithEachRolesNextActions() async throws {
        try await TaskAPITests.withFixture { server, f in
            let document = try OpenAPIDocument(try await f.client.send("GET", "/api/openapi.json").body)
            let created = try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: TaskAPITests.draft(units: [f.unit]))
            let id = try #require(created.json?["id"] as? Int)
            try await LiveFeedClient.with(port: server.httpPort, token: f.dispatcher) { desk in
                try await LiveFeedClient.with(port: server.httpPort, token: f.patrol) { patrol in
                    try await LiveFeedClient.with(port: server.httpPort, token: f.otherPatrol) { other in
                        for session in [desk, patrol, other] { _ = try await session.next(type: "snapshot") }
                        try await TaskAPITests.act(f, id, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 200)

                        for session in [desk, patrol] {
                            let frame = try await OpenAPITests.frame(session, type: "task")
                            document.expectValid(frame, "LiveTaskFrame")
                            let task = try #require(frame["task"])
                            #expect(task["id"]?.numberValue == Double(id) && task["state"]?.stringValue == "dispatched")
                            #expect(task["allowedActions"] == nil, "feed frames are shared: no caller's own actions")
                            let byRole = task["allowedActionsByRole"]
                            let dispatcher = Set(byRole?["dispatcher"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                            let patrolActions = Set(byRole?["patrol"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                            #expect(dispatcher == ["acknowledge", "fail", "redispatch", "cancel", "edit"], "\(dispatcher.sorted())")
                            #expect(patrolActions == ["acknowledge", "fail"], "\(patrolActions.sorted())")
                        }

                        // The patrol acknowledges: the next frame offers the field's next steps.
                        try await TaskAPITests.act(f, id, ["action": "acknowledge"], token: f.patrol, expect: 200)
                        let acknowledged = try await OpenAPITests.frame(patrol, type: "task")
                        let next = Set(acknowledged["task"]?["allowedActionsByRole"]?["patrol"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                        #expect(next == ["en_route", "on_scene", "fail"], "\(next.sorted())")

                        // Bravo's patrol heard no task frame: it is not Bravo's task.
                        await #expect(throws: LiveFeedTestError.self) { _ = try await other.next(type: "task", within: 1) }
                    }
                }
            }
        }
    }
}
