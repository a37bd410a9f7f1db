import Foundation
import MGISCore
import MGISDispatch
import MGISServer
import MGISStore
import MGISTestSupport
import Testing

/// The tasks API over real HTTP: the whole lifecycle, illegal steps, version conflicts,
/// recurrence, escalation and who may see and do what.
@Suite struct TaskAPITests {
    struct Fixture {
        let client: HTTPTestClient
        let dispatcher: String
        let patrol: String
        let otherPatrol: String
        let analyst: String
        let unit: Int64
        let otherUnit: Int64
    }

    static func withFixture<T: Sendable>(
        tune: @escaping (inout ServerConfiguration) -> Void = { _ in },
        _ body: (TestServer, Fixture) async throws -> T
    ) async throws -> T {
        try await TestServer.with(directory: TestServer.temporaryDirectory(), tune: tune) { server in
            try await body(server, try await fixture(server))
        }
    }

    /// Units Alpha and Bravo and a token for each role; `creatingUnits: false` finds them in a
    /// data directory a previous server made.
    static func fixture(_ server: TestServer, creatingUnits: Bool = true) async throws -> Fixture {
        let unit: Int64, other: Int64
        if creatingUnits {
            unit = try server.store.createUnit(name: "Alpha", callSign: "A-1", homeStation: "Vilnius").id
            other = try server.store.createUnit(name: "Bravo", callSign: "B-1", homeStation: "Kaunas").id
        } else {
            let units = try server.store.units()
            unit = try #require(units.first { $0.name == "Alpha" }).id
            other = try #require(units.first { $0.name == "Bravo" }).id
        }
        return Fixture(
            client: HTTPTestClient(port: server.httpPort),
            dispatcher: try server.token(for: "disp", roles: [.dispatcher]),
            patrol: try server.token(for: "pat", roles: [.patrol], unit: unit),
            otherPatrol: try server.token(for: "pat2", roles: [.patrol], unit: other),
            analyst: try server.token(for: "ana", roles: [.analyst]),
            unit: unit, otherUnit: other
        )
    }

    static func draft(units: [Int64] = [], start: Int64 = WallClock.nowMillis() + 3_600_000, checklist: [String] = ["Check trucks"]) -> [String: Any] {
        [
            "type": "checkpoint", "title": "Stop and search at the A1 junction", "instructions": "Trucks heading west",
            "priority": "high",
            "area": ["type": "polygon", "rings": [[
                ["lat": 54.60, "lon": 25.20], ["lat": 54.60, "lon": 25.30], ["lat": 54.70, "lon": 25.30], ["lat": 54.70, "lon": 25.20],
            ]]],
            "window": ["start": Self.time(start), "end": Self.time(start + 4 * 3_600_000)],
            "units": units.map(String.init), "checklist": checklist,
        ]
    }

    static func time(_ millis: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    static func result(checklist: [String] = ["Check trucks"]) -> [String: Any] {
        [
            "vehiclesChecked": 12, "personsChecked": 15, "outcome": "violations_found", "findings": "Cigarettes in a trailer",
            "violations": [[
                "type": "cigarettes", "goodsDescription": "40 cartons", "quantity": 400, "quantityUnit": "packs",
                "estimatedValueEUR": 2000, "vehiclePlate": "ABC123", "vehicleCountry": "LT",
                "location": ["lat": 54.65, "lon": 25.25], "observed": Self.time(WallClock.nowMillis()),
            ]],
            "checklist": checklist.map { ["text": $0, "done": true] },
        ]
    }

    @discardableResult
    static func act(_ f: Fixture, _ id: Int, _ body: [String: Any], token: String, expect status: Int) async throws -> HTTPTestClient.Reply {
        let reply = try await f.client.send("POST", "/api/v1/tasks/\(id)/actions", token: token, json: body)
        #expect(reply.status == status, "\(body["action"] ?? "?"): \(reply.status) \(reply.text)")
        return reply
    }

    @Test func testWholeLifecycleWithHistoryAndETags() async throws {
        try await Self.withFixture { _, f in
            let created = try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: Self.draft())
            #expect(created.status == 201, "\(created.text)")
            #expect(created.headers["etag"] == "\"1\"")
            let id = try #require(created.json?["id"] as? Int)
            #expect(created.json?["state"] as? String == "draft")

            try await Self.act(f, id, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 200)
            try await Self.act(f, id, ["action": "acknowledge"], token: f.patrol, expect: 200)
            try await Self.act(f, id, ["action": "en_route"], token: f.patrol, expect: 200)
            try await Self.act(f, id, ["action": "on_scene"], token: f.patrol, expect: 200)
            let done = try await Self.act(f, id, ["action": "complete", "result": Self.result()], token: f.patrol, expect: 200)
            #expect(done.json?["state"] as? String == "completed")
            #expect(done.headers["etag"] == "\"6\"")
            let history = try #require(done.json?["history"] as? [[String: Any]])
            #expect(history.compactMap { $0["to"] as? String } == ["draft", "dispatched", "acknowledged", "en_route", "on_scene", "completed"])
            let result = try #require(done.json?["result"] as? [String: Any])
            #expect(result["vehiclesChecked"] as? Int == 12)
            #expect((result["violations"] as? [[String: Any]])?.first?["vehiclePlate"] as? String == "ABC123")

            // The dispatcher reads it back; the analyst may read but not act.
            let read = try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.analyst)
            #expect(read.status == 200 && read.json?["state"] as? String == "completed")
            #expect((read.json?["allowedActions"] as? [String]) == [])
            try await Self.act(f, id, ["action": "cancel", "reason": "x"], token: f.analyst, expect: 403)
        }
    }

    @Test func testADraftThatNamesItsUnitsIsDispatchedToThemWithoutRepeatingThem() async throws {
        try await Self.withFixture { _, f in
            let named = try #require(
                try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: Self.draft(units: [f.unit])).json?["id"] as? Int)
            let sent = try await Self.act(f, named, ["action": "dispatch"], token: f.dispatcher, expect: 200)
            #expect(sent.json?["state"] as? String == "dispatched")
            #expect(sent.json?["units"] as? [String] == [String(f.unit)], "\(sent.text)")

            let bare = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: Self.draft()).json?["id"] as? Int)
            let refused = try await Self.act(f, bare, ["action": "dispatch"], token: f.dispatcher, expect: 400)
            #expect((refused.json?["message"] as? String)?.contains("at least one unit") == true, "\(refused.text)")
        }
    }

    @Test func testIllegalTransitionsAreRefusedWithTheAllowedSteps() async throws {
        try await Self.withFixture { _, f in
            let id = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: Self.draft()).json?["id"] as? Int)
            let reply = try await Self.act(f, id, ["action": "complete", "result": Self.result()], token: f.dispatcher, expect: 409)
            #expect(reply.json?["error"] as? String == "illegal_transition")
            #expect((reply.json?["message"] as? String)?.contains("draft") == true, "\(reply.text)")
            try await Self.act(f, id, ["action": "dispatch", "units": []], token: f.dispatcher, expect: 400)
            try await Self.act(f, id, ["action": "dispatch", "units": ["999"]], token: f.dispatcher, expect: 400)
            try await Self.act(f, id, ["action": "teleport"], token: f.dispatcher, expect: 400)
            try await Self.act(f, id, ["action": "cancel", "reason": "weather"], token: f.dispatcher, expect: 200)
            try await Self.act(f, id, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 409)
            // Nothing changed the task after the refusals: version 2 (created, cancelled).
            let read = try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.dispatcher)
            #expect(read.json?["version"] as? Int == 2)
        }
    }

    @Test func testBadDraftsAreRefusedWithTheFieldNamed() async throws {
        try await Self.withFixture { _, f in
            var draft = Self.draft()
            draft["titel"] = "typo"
            var reply = try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: draft)
            #expect(reply.status == 400 && (reply.json?["message"] as? String)?.contains("titel") == true, "\(reply.text)")
            draft = Self.draft()
            draft["area"] = ["type": "circle", "center": ["lat": 54.6, "lon": 25.2], "radiusMeters": "far"]
            reply = try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: draft)
            #expect(reply.status == 400 && (reply.json?["message"] as? String)?.contains("area.radiusMeters") == true, "\(reply.text)")
            draft = Self.draft()
            draft["title"] = ""
            reply = try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: draft)
            #expect(reply.status == 400 && (reply.json?["message"] as? String)?.contains("title") == true, "\(reply.text)")
            reply = try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, raw: Data("{not json".utf8))
            #expect(reply.status == 400)
            let list = try await f.client.send("GET", "/api/v1/tasks", token: f.dispatcher)
            #expect((list.json?["items"] as? [Any])?.isEmpty == true, "refused drafts left nothing behind")
        }
    }

    @Test func testConcurrentEditsAreDetected() async throws {
        try await Self.withFixture { _, f in
            let id = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: Self.draft()).json?["id"] as? Int)
            var edit = Self.draft()
            edit["title"] = "First editor"
            let first = try await f.client.send("PUT", "/api/v1/tasks/\(id)", token: f.dispatcher, json: edit, headers: ["If-Match": "\"1\""])
            #expect(first.status == 200 && first.headers["etag"] == "\"2\"", "\(first.text)")
            edit["title"] = "Second editor, from the same version"
            let second = try await f.client.send("PUT", "/api/v1/tasks/\(id)", token: f.dispatcher, json: edit, headers: ["If-Match": "\"1\""])
            #expect(second.status == 412 && second.json?["error"] as? String == "version_conflict", "\(second.text)")
            #expect(second.headers["etag"] == "\"2\"")
            let missing = try await f.client.send("PUT", "/api/v1/tasks/\(id)", token: f.dispatcher, json: edit)
            #expect(missing.status == 428)
            let read = try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.dispatcher)
            #expect(read.json?["title"] as? String == "First editor")
            // An action with a stale If-Match is refused too.
            let stale = try await f.client.send(
                "POST", "/api/v1/tasks/\(id)/actions", token: f.dispatcher, json: ["action": "cancel", "reason": "x"], headers: ["If-Match": "\"1\""]
            )
            #expect(stale.status == 412)
        }
    }

    @Test func testPatrolSeesAndActsOnItsOwnUnitOnly() async throws {
        try await Self.withFixture { _, f in
            let mine = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: Self.draft()).json?["id"] as? Int)
            let theirs = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: Self.draft()).json?["id"] as? Int)
            try await Self.act(f, mine, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 200)
            try await Self.act(f, theirs, ["action": "dispatch", "units": [String(f.otherUnit)]], token: f.dispatcher, expect: 200)

            let list = try await f.client.send("GET", "/api/v1/tasks", token: f.patrol)
            #expect((list.json?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [mine])
            #expect(try await f.client.send("GET", "/api/v1/tasks/\(theirs)", token: f.patrol).status == 404)
            try await Self.act(f, theirs, ["action": "acknowledge"], token: f.patrol, expect: 404)
            // Patrols cannot plan: no create, no cancel, no redispatch of their own task.
            #expect(try await f.client.send("POST", "/api/v1/tasks", token: f.patrol, json: Self.draft()).status == 403)
            try await Self.act(f, mine, ["action": "cancel", "reason": "no"], token: f.patrol, expect: 403)
            try await Self.act(f, mine, ["action": "acknowledge"], token: f.patrol, expect: 200)
            // The other unit's task is untouched.
            let untouched = try await f.client.send("GET", "/api/v1/tasks/\(theirs)", token: f.otherPatrol)
            #expect(untouched.json?["state"] as? String == "dispatched")
            // Re-dispatch to the other unit moves it out of the first patrol's sight.
            try await Self.act(f, mine, ["action": "redispatch", "units": [String(f.otherUnit)]], token: f.dispatcher, expect: 200)
            #expect(try await f.client.send("GET", "/api/v1/tasks/\(mine)", token: f.patrol).status == 404)
            #expect(try await f.client.send("GET", "/api/v1/tasks/\(mine)", token: f.otherPatrol).json?["state"] as? String == "dispatched")
        }
    }

    @Test func testRecurrenceMakesOneDraftPerWeekday() async throws {
        try await Self.withFixture { _, f in
            var template = Self.draft()
            template.removeValue(forKey: "window")
            template["name"] = "Morning checkpoint"
            template["durationMinutes"] = 240
            let created = try await f.client.send("POST", "/api/v1/task-templates", token: f.dispatcher, json: template)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.json?["id"] as? Int)
            let schedule: [String: Any] = [
                "recurrence": ["weekdays": [1, 2, 3, 4, 5], "start": "06:00", "end": "10:00", "timeZone": "Europe/Vilnius", "firstDay": "2026-03-23"],
                "from": "2026-03-23T00:00:00Z", "to": "2026-04-06T00:00:00Z",
            ]
            let reply = try await f.client.send("POST", "/api/v1/task-templates/\(id)/schedule", token: f.dispatcher, json: schedule)
            #expect(reply.status == 201, "\(reply.text)")
            let items = try #require(reply.json?["items"] as? [[String: Any]])
            // Two weeks of weekdays; Vilnius moves to summer time on 29 March, so 06:00 local is
            // 04:00Z before and 03:00Z after.
            let starts = items.compactMap { ($0["window"] as? [String: Any])?["start"] as? String }.sorted()
            #expect(starts.count == 10)
            #expect(starts.first == "2026-03-23T04:00:00.000Z")
            #expect(starts.last == "2026-04-03T03:00:00.000Z")
            #expect(items.allSatisfy { $0["state"] as? String == "draft" })
        }
    }

    @Test func testUnacknowledgedTaskRaisesAnEscalationAlert() async throws {
        let clock = ManualMillisClock(WallClock.nowMillis())
        try await Self.withFixture(tune: { configuration in
            configuration.taskClock = clock.closure
            configuration.tasks.acknowledgeTimeoutMillis = 120_000
            configuration.tasks.tickInterval = .milliseconds(50)
        }) { _, f in
            let id = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: Self.draft()).json?["id"] as? Int)
            try await Self.act(f, id, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 200)
            try await Task.sleep(for: .milliseconds(200))
            #expect((try await f.client.send("GET", "/api/v1/alerts", token: f.dispatcher).json?["items"] as? [Any])?.isEmpty == true)
            clock.advance(by: 121_000)
            var alerts: [[String: Any]] = []
            for _ in 0..<50 {
                alerts = try await f.client.send("GET", "/api/v1/alerts?open=true", token: f.dispatcher).json?["items"] as? [[String: Any]] ?? []
                if !alerts.isEmpty { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(alerts.count == 1)
            #expect(alerts.first?["kind"] as? String == "not_acknowledged")
            #expect(alerts.first?["task"] as? Int == id)
            let alertID = try #require(alerts.first?["id"] as? Int)
            let acked = try await f.client.send("POST", "/api/v1/alerts/\(alertID)/acknowledge", token: f.dispatcher)
            #expect(acked.status == 200 && (acked.json?["acknowledged"] as? [String: Any])?["by"] != nil)
            #expect((try await f.client.send("GET", "/api/v1/alerts?open=true", token: f.dispatcher).json?["items"] as? [Any])?.isEmpty == true)
            // The patrol of the unit sees its alert; the other unit's patrol does not.
            #expect((try await f.client.send("GET", "/api/v1/alerts", token: f.patrol).json?["items"] as? [Any])?.count == 1)
            #expect((try await f.client.send("GET", "/api/v1/alerts", token: f.otherPatrol).json?["items"] as? [Any])?.isEmpty == true)
        }
    }
}
