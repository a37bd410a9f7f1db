import Foundation
import MGISCore
import MGISDispatch
import MGISProtocol
import MGISServer
import MGISStore
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

    /// A unit crossing its task's edge again and again: the state change (on scene) is pushed at
    /// once, the crossings after it as one task frame on the desk's next tick.
    @Test func testCrossingsAreAnnouncedOncePerTick() async throws {
        let t0 = WallClock.nowMillis() / 1000 * 1000 - 120_000
        let clock = ManualMillisClock(t0)
        try await TaskMonitoringTests.withDeskOnClock(clock, device: 81) { server, f, auth in
            let id = try #require(
                try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: TaskAPITests.draft(start: t0 + 5_000)).json?["id"] as? Int
            )
            try await TaskAPITests.act(f, id, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 200)
            try await TaskAPITests.act(f, id, ["action": "acknowledge"], token: f.patrol, expect: 200)
            try await LiveFeedClient.with(port: server.httpPort, token: f.dispatcher) { desk in
                _ = try await desk.next(type: "snapshot")
                let inside = TaskMonitoringTests.inside, outside = TaskMonitoringTests.outside
                let client = UDPTestClient(port: server.udpPort)
                for (seq, point) in [outside, inside, outside, inside, outside].enumerated() {
                    let fix = Fix(timeMillis: t0 + Int64(seq + 1) * 10_000, latE7: point.lat, lonE7: point.lon, flags: [.fixValid])
                    #expect(await client.exchange(MTPCodec.encode(device: 81, seq: UInt32(seq + 1), fixes: [fix], authenticator: auth)) != nil)
                }
                let onScene = try await desk.next(type: "task")
                #expect((onScene["task"] as? [String: Any])?["state"] as? String == "on_scene", "\(onScene)")
                // Wait until the last departure is measured; its card waits for the tick.
                let lastDeparture = TaskAPITests.time(t0 + 50_000)
                for _ in 0..<100 {
                    let task = try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.dispatcher).json ?? [:]
                    if Self.lastDeparture(task) == lastDeparture { break }
                    try await Task.sleep(for: .milliseconds(30))
                }
                await #expect(throws: LiveFeedTestError.self) { _ = try await desk.next(type: "task", within: 0.5) }
                server.server.desk.tick()
                let card = try await desk.next(type: "task", within: 5)
                #expect(Self.lastDeparture(card["task"] as? [String: Any] ?? [:]) == lastDeparture, "\(card)")
                await #expect(throws: LiveFeedTestError.self) { _ = try await desk.next(type: "task", within: 0.5) }
            }
        }
    }

    static func lastDeparture(_ task: [String: Any]) -> String? {
        (((task["monitoring"] as? [String: Any])?["units"] as? [[String: Any]])?.first)?["lastDeparture"] as? String
    }
}
