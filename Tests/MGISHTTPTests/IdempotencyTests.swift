import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing

/// `Idempotency-Key` over real HTTP: a retried creating request gets the first answer again and
/// creates nothing more, across a restart too; a key reused for another request, a key on a route
/// that does not take one, and a malformed key are refused and change nothing.
@Suite struct IdempotencyTests {
    /// A request body as the bytes a client sends: a retry sends these same bytes again.
    static func bytes(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static func violationCount(_ f: TaskAPITests.Fixture) async throws -> Int {
        let list = try await f.client.send("GET", "/api/v1/violations", token: f.analyst)
        return (list.json?["items"] as? [Any])?.count ?? -1
    }

    @Test func testRetriedViolationReportIsRecordedOnceAndAnsweredTheSame() async throws {
        try await TaskAPITests.withFixture { _, f in
            let key = ["Idempotency-Key": "report-7f3a9c"]
            let body = try Self.bytes(ViolationSamples.body())
            let first = try await f.client.send("POST", "/api/v1/violations", token: f.patrol, raw: body, headers: key)
            #expect(first.status == 201, "\(first.text)")
            #expect(first.headers["idempotent-replayed"] == nil)
            let again = try await f.client.send("POST", "/api/v1/violations", token: f.patrol, raw: body, headers: key)
            #expect(again.status == 201)
            #expect(again.headers["idempotent-replayed"] == "true")
            #expect(again.body == first.body)
            #expect(try await Self.violationCount(f) == 1)

            // Another user's identical key is a different key.
            let other = try await f.client.send("POST", "/api/v1/violations", token: f.analyst, raw: body, headers: key)
            #expect(other.status == 201 && other.headers["idempotent-replayed"] == nil)
            #expect(try await Self.violationCount(f) == 2)

            // The same key with a different request (another body, another route): refused, nothing made.
            let reused = try await f.client.send("POST", "/api/v1/violations", token: f.patrol, raw: try Self.bytes(ViolationSamples.body(lat: 54.9)), headers: key)
            #expect(reused.status == 422 && reused.json?["error"] as? String == "idempotency_key_reused", "\(reused.text)")
            let desk = ["Idempotency-Key": "desk-1"]
            #expect(try await f.client.send("POST", "/api/v1/violations", token: f.dispatcher, raw: body, headers: desk).status == 201)
            let otherRoute = try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, raw: try Self.bytes(TaskAPITests.draft()), headers: desk)
            #expect(otherRoute.status == 422 && otherRoute.json?["error"] as? String == "idempotency_key_reused", "\(otherRoute.text)")
            let tasks = try await f.client.send("GET", "/api/v1/tasks", token: f.dispatcher).json?["items"] as? [Any]
            #expect(tasks?.isEmpty == true)
            #expect(try await Self.violationCount(f) == 3)
        }
    }

    @Test func testRefusedRequestIsNotKeptSoTheCorrectedOneRuns() async throws {
        try await TaskAPITests.withFixture { _, f in
            let key = ["Idempotency-Key": "fix-and-retry"]
            var bad = ViolationSamples.body()
            bad["type"] = "bananas"
            let refused = try await f.client.send("POST", "/api/v1/violations", token: f.analyst, json: bad, headers: key)
            #expect(refused.status == 400, "\(refused.text)")
            let corrected = try await f.client.send("POST", "/api/v1/violations", token: f.analyst, json: ViolationSamples.body(), headers: key)
            #expect(corrected.status == 201 && corrected.headers["idempotent-replayed"] == nil, "\(corrected.text)")
            #expect(try await Self.violationCount(f) == 1)
        }
    }

    @Test func testRetriedTaskActionIsAppliedOnceAndReplayedWithItsETag() async throws {
        try await TaskAPITests.withFixture { _, f in
            let created = try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: TaskAPITests.draft(units: [f.unit]))
            let id = try #require(created.json?["id"] as? Int)
            let dispatch = try Self.bytes(["action": "dispatch", "units": [String(f.unit)]])
            let key = ["Idempotency-Key": "dispatch-\(id)"]
            let first = try await f.client.send("POST", "/api/v1/tasks/\(id)/actions", token: f.dispatcher, raw: dispatch, headers: key)
            #expect(first.status == 200, "\(first.text)")
            let again = try await f.client.send("POST", "/api/v1/tasks/\(id)/actions", token: f.dispatcher, raw: dispatch, headers: key)
            #expect(again.status == 200 && again.headers["idempotent-replayed"] == "true", "\(again.text)")
            #expect(again.headers["etag"] == first.headers["etag"])
            #expect(again.body == first.body)
            // Without the key the same action is a step the lifecycle refuses: it really ran once.
            let task = try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.dispatcher)
            #expect(task.headers["etag"] == first.headers["etag"])
            #expect(task.json?["state"] as? String == "dispatched")
        }
    }

    @Test func testKeptAnswerSurvivesARestart() async throws {
        let directory = TestServer.temporaryDirectory()
        let key = ["Idempotency-Key": "across-restart"]
        let body = try Self.bytes(ViolationSamples.body())
        let first = try await TestServer.with(directory: directory) { server in
            let f = try await TaskAPITests.fixture(server)
            return try await f.client.send("POST", "/api/v1/violations", token: f.analyst, raw: body, headers: key)
        }
        #expect(first.status == 201)
        try await TestServer.with(directory: directory) { server in
            let f = try await TaskAPITests.fixture(server, creatingUnits: false)
            let again = try await f.client.send("POST", "/api/v1/violations", token: f.analyst, raw: body, headers: key)
            #expect(again.status == 201 && again.headers["idempotent-replayed"] == "true", "\(again.text)")
            #expect(again.body == first.body)
            #expect(try await Self.violationCount(f) == 1)
        }
    }

    @Test func testKeyIsRefusedWhereTheAnswerHoldsASecretAndWhenMalformed() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let admin = try server.token(for: "root", roles: [.admin])
            let client = HTTPTestClient(port: server.httpPort)
            let user = try server.store.createUser(name: "wall", roles: [.display], passwordHash: nil, unitID: nil, nowMillis: 0)
            let tokensBefore = try server.store.tokens(userID: user.id).count
            let issued = try await client.send(
                "POST", "/api/v1/tokens", token: admin, json: ["user": user.id, "label": "wall"], headers: ["Idempotency-Key": "k1"]
            )
            #expect(issued.status == 400 && issued.json?["error"] as? String == "invalid_header", "\(issued.text)")
            #expect(try server.store.tokens(userID: user.id).count == tokensBefore)
            let devices = try await client.send("POST", "/api/v1/devices", token: admin, json: ["name": "car-1"], headers: ["Idempotency-Key": "k2"])
            #expect(devices.status == 400, "\(devices.text)")
            #expect(try server.store.devices().isEmpty)
            // A password in the request: its digest would be kept for a day, so no key either.
            let users = try await client.send(
                "POST", "/api/v1/users", token: admin, json: ["name": "new", "roles": ["analyst"], "password": "correct horse battery"],
                headers: ["Idempotency-Key": "k3"]
            )
            #expect(users.status == 400, "\(users.text)")
            #expect(try server.store.user(named: "new") == nil)

            for bad in ["has space", String(repeating: "x", count: 256), "tab\there"] {
                let reply = try await client.send("POST", "/api/v1/units", token: admin, json: ["name": "U", "callSign": "U-1"], headers: ["Idempotency-Key": bad])
                #expect(reply.status == 400 && reply.json?["error"] as? String == "invalid_header", "\(bad): \(reply.text)")
            }
            #expect(try server.store.units().isEmpty)
        }
    }
}
