import Foundation
import MGISCore
import MGISDispatch
import MGISProtocol
import MGISServer
import MGISStore
import MGISTestSupport
import Testing

/// GPS monitoring driven by real MTP/1 datagrams over UDP: a unit drives into a task's polygon,
/// stays, leaves; arrival, departure and time on scene come out at the exact fix times, and the
/// alerts fire when they should (with an injected clock for the time-driven ones).
@Suite struct TaskMonitoringTests {
    static let inside = (lat: Int32(546_500_000), lon: Int32(252_500_000))
    static let outside = (lat: Int32(548_000_000), lon: Int32(254_000_000))

    /// A server whose task desk reads `clock` and ticks only when the test calls `tick()`, with
    /// tracker `device` in unit Alpha; `body` gets the tracker's authenticator too.
    static func withDeskOnClock(
        _ clock: ManualMillisClock, device: UInt32, _ body: (TestServer, TaskAPITests.Fixture, MTPAuthenticator) async throws -> Void
    ) async throws {
        try await TaskAPITests.withFixture(tune: { configuration in
            configuration.taskClock = clock.closure
            configuration.tasks.tickInterval = .seconds(3600)  // ticks come from the test
        }) { server, f in
            let auth = try await server.addDevice(device)
            try server.store.assignDevice(DeviceID(unchecked: device), toUnit: f.unit)
            try server.server.desk.reloadDirectory()
            try await body(server, f, auth)
        }
    }

    @Test func testArrivalDepartureTimeOnSceneAndAlertsFromRealDatagrams() async throws {
        let t0 = WallClock.nowMillis() / 1000 * 1000 - 120_000
        let clock = ManualMillisClock(t0)
        try await Self.withDeskOnClock(clock, device: 71) { server, f, auth in

            let draft = TaskAPITests.draft(start: t0 + 5_000)  // window: t0 + 5 s ... + 4 h
            let id = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: draft).json?["id"] as? Int)
            try await TaskAPITests.act(f, id, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 200)
            try await TaskAPITests.act(f, id, ["action": "acknowledge"], token: f.patrol, expect: 200)

            let client = UDPTestClient(port: server.udpPort)
            let track: [(Int64, (lat: Int32, lon: Int32), FixFlags)] = [
                (10_000, Self.outside, [.fixValid]), (20_000, Self.inside, [.fixValid]), (30_000, Self.inside, [.fixValid]),
                (40_000, Self.outside, [.fixValid]),
            ]
            for (seq, point) in track.enumerated() {
                let fix = Fix(timeMillis: t0 + point.0, latE7: point.1.lat, lonE7: point.1.lon, flags: point.2)
                let ack = await client.exchange(MTPCodec.encode(device: 71, seq: UInt32(seq + 1), fixes: [fix], authenticator: auth))
                #expect(ack != nil, "datagram \(seq + 1) was not acknowledged")
            }

            var task: [String: Any] = [:]
            for _ in 0..<100 {
                task = try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.dispatcher).json ?? [:]
                let units = (task["monitoring"] as? [String: Any])?["units"] as? [[String: Any]]
                if units?.first?["lastDeparture"] as? String != nil { break }
                try await Task.sleep(for: .milliseconds(30))
            }
            let unit = try #require(((task["monitoring"] as? [String: Any])?["units"] as? [[String: Any]])?.first)
            #expect(unit["firstArrival"] as? String == TaskAPITests.time(t0 + 20_000))
            #expect(unit["lastDeparture"] as? String == TaskAPITests.time(t0 + 40_000))
            #expect(unit["timeOnSceneSeconds"] as? Double == 20)
            #expect(unit["inside"] as? Bool == false)
            // The arrival moved the acknowledged task on scene by itself (actor 0: the system).
            #expect(task["state"] as? String == "on_scene")
            let history = task["history"] as? [[String: Any]] ?? []
            #expect(history.last?["actor"] as? Int == 0 && history.last?["to"] as? String == "on_scene")

            // The timeline holds the arrival and the departure at their fix times.
            let timeline = try await f.client.send("GET", "/api/v1/tasks/\(id)/timeline", token: f.dispatcher).json ?? [:]
            let entries = timeline["entries"] as? [[String: Any]] ?? []
            #expect(entries.contains { $0["kind"] as? String == "arrived" && $0["at"] as? String == TaskAPITests.time(t0 + 20_000) })
            #expect(entries.contains { $0["kind"] as? String == "departed" && $0["at"] as? String == TaskAPITests.time(t0 + 40_000) })

            // Leaving inside the window, task not finished: left early, raised at the departing fix.
            let early = try await Self.alerts(f, kind: "left_area_early")
            #expect(early.count == 1 && early.first?["raised"] as? String == TaskAPITests.time(t0 + 40_000))

            // The panic button: raised by the fix itself, before any tick.
            let panic = Fix(timeMillis: t0 + 50_000, latE7: Self.outside.lat, lonE7: Self.outside.lon, flags: [.fixValid, .alarm])
            #expect(await client.exchange(MTPCodec.encode(device: 71, seq: 5, fixes: [panic], authenticator: auth)) != nil)
            let panics = try await Self.alerts(f, kind: "panic")
            #expect(panics.count == 1 && panics.first?["unit"] as? String == String(f.unit))

            // Nothing time-driven yet; after the window's end, one "window ended, not completed".
            server.server.desk.tick()
            try await Task.sleep(for: .milliseconds(100))
            #expect(try await Self.alerts(f, kind: "window_ended_not_completed", wait: false).isEmpty)
            clock.millis = t0 + 5_000 + 4 * 3_600_000 + 1_000
            server.server.desk.tick()
            server.server.desk.tick()
            let overdue = try await Self.alerts(f, kind: "window_ended_not_completed")
            #expect(overdue.count == 1 && overdue.first?["task"] as? Int == id)
        }
    }

    /// A car already in the area when its officer acknowledges: the task goes on scene at once
    /// (not "acknowledged" beside "inside area"), and after completion the card still says the
    /// car is inside, not that it left. A "no findings" result cannot carry a violation.
    @Test func testAUnitAlreadyInsideIsOnSceneWhenItAcknowledgesAndStaysInsideAfterCompletion() async throws {
        let t0 = WallClock.nowMillis() / 1000 * 1000 - 120_000
        let clock = ManualMillisClock(t0 + 60_000)
        try await Self.withDeskOnClock(clock, device: 72) { server, f, auth in
            let draft = TaskAPITests.draft(start: t0 + 5_000)
            let id = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: draft).json?["id"] as? Int)
            try await TaskAPITests.act(f, id, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 200)

            let client = UDPTestClient(port: server.udpPort)
            let fix = Fix(timeMillis: WallClock.nowMillis() - 1_000, latE7: Self.inside.lat, lonE7: Self.inside.lon, flags: [.fixValid])
            #expect(await client.exchange(MTPCodec.encode(device: 72, seq: 1, fixes: [fix], authenticator: auth)) != nil)
            var inside = false
            let started = ContinuousClock.now
            while !inside, ContinuousClock.now - started < .seconds(20) {
                let task = try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.dispatcher).json ?? [:]
                inside = ((task["monitoring"] as? [String: Any])?["units"] as? [[String: Any]])?.first?["inside"] as? Bool == true
                if !inside { try await Task.sleep(for: .milliseconds(30)) }
            }
            #expect(inside, "the fix inside the area reached monitoring")
            #expect(try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.dispatcher).json?["state"] as? String == "dispatched")

            let acknowledged = try await TaskAPITests.act(f, id, ["action": "acknowledge"], token: f.patrol, expect: 200)
            #expect(acknowledged.json?["state"] as? String == "on_scene", "\(acknowledged.text)")

            var mixed = TaskAPITests.result()
            mixed["outcome"] = "no_findings"
            let refused = try await TaskAPITests.act(f, id, ["action": "complete", "result": mixed], token: f.patrol, expect: 400)
            #expect(refused.text.contains("no_findings"), "\(refused.text)")

            let done = try await TaskAPITests.act(f, id, ["action": "complete", "result": TaskAPITests.result()], token: f.patrol, expect: 200)
            #expect(done.json?["state"] as? String == "completed")
            let unit = ((done.json?["monitoring"] as? [String: Any])?["units"] as? [[String: Any]])?.first
            #expect(unit?["inside"] as? Bool == true, "completed with the car in the area: \(String(describing: unit))")
            #expect(unit?["lastDeparture"] == nil)
        }
    }

    @Test func testMeasurementsSurviveARestartForActiveAndFinishedTasks() async throws {
        let directory = TestServer.temporaryDirectory()
        let t0 = WallClock.nowMillis() / 1000 * 1000 - 60_000
        let clock = ManualMillisClock(t0)
        func unitState(_ f: TaskAPITests.Fixture, _ id: Int) async throws -> [String: Any]? {
            let task = try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.dispatcher).json ?? [:]
            return ((task["monitoring"] as? [String: Any])?["units"] as? [[String: Any]])?.first
        }
        let tune: (inout ServerConfiguration) -> Void = { configuration in
            configuration.taskClock = clock.closure
            configuration.tasks.tickInterval = .seconds(3600)
        }
        let (active, finished) = try await TestServer.with(directory: directory, tune: tune) { server -> (Int, Int) in
            let f = try await TaskAPITests.fixture(server)
            let auth = try await server.addDevice(72)
            try server.store.assignDevice(DeviceID(unchecked: 72), toUnit: f.unit)
            try server.server.desk.reloadDirectory()
            var ids: [Int] = []
            for _ in 0..<2 {
                let id = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: TaskAPITests.draft(start: t0 + 5_000)).json?["id"] as? Int)
                try await TaskAPITests.act(f, id, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 200)
                ids.append(id)
            }
            let client = UDPTestClient(port: server.udpPort)
            for (seq, (offset, point)) in [(10_000, Self.outside), (20_000, Self.inside), (45_000, Self.outside)].enumerated() {
                let fix = Fix(timeMillis: t0 + Int64(offset), latE7: point.lat, lonE7: point.lon, flags: [.fixValid])
                #expect(await client.exchange(MTPCodec.encode(device: 72, seq: UInt32(seq + 1), fixes: [fix], authenticator: auth)) != nil)
            }
            for _ in 0..<100 {
                if try await unitState(f, ids[1])?["lastDeparture"] as? String != nil { break }
                try await Task.sleep(for: .milliseconds(30))
            }
            try await TaskAPITests.act(f, ids[1], ["action": "cancel", "reason": "done for the test"], token: f.dispatcher, expect: 200)
            return (ids[0], ids[1])
        }
        try await TestServer.with(directory: directory, tune: tune) { server in
            let f = try await TaskAPITests.fixture(server, creatingUnits: false)
            for id in [active, finished] {
                let unit = try #require(try await unitState(f, id), "task \(id) has its monitoring after the restart")
                #expect(unit["firstArrival"] as? String == TaskAPITests.time(t0 + 20_000), "task \(id)")
                #expect(unit["lastDeparture"] as? String == TaskAPITests.time(t0 + 45_000), "task \(id)")
                #expect(unit["timeOnSceneSeconds"] as? Double == 25, "task \(id)")
            }
            // The left-early alert raised before the restart is not raised again by the replay.
            server.server.desk.tick()
            try await Task.sleep(for: .milliseconds(200))
            let early = try await Self.alerts(f, kind: "left_area_early", wait: false)
            #expect(early.count == 2, "one per task, from before the restart: \(early.count)")
        }
    }

    /// Alerts of one kind, waiting briefly for them to be stored (monitoring settles asynchronously).
    static func alerts(_ f: TaskAPITests.Fixture, kind: String, wait: Bool = true) async throws -> [[String: Any]] {
        for _ in 0..<(wait ? 100 : 1) {
            let items = try await f.client.send("GET", "/api/v1/alerts", token: f.dispatcher).json?["items"] as? [[String: Any]] ?? []
            let matching = items.filter { $0["kind"] as? String == kind }
            if !matching.isEmpty || !wait { return matching }
            try await Task.sleep(for: .milliseconds(30))
        }
        return []
    }
}
