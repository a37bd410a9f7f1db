import Foundation
import GRDB
import HTTPTypes
import MGISAudit
import MGISCore
import MGISHTTP
import MGISServer
import MGISStore
import MGISTestSupport
import Testing

/// What the HTTP side leaves in the audit trail.
@Suite struct AuditTrailTests {
    /// Every entry so far, oldest first, once queued reads have been committed: waits until at
    /// least `atLeast` entries are there and no more arrive for a moment (bounded, for loaded machines).
    static func entries(_ server: TestServer, atLeast: Int = 0) async throws -> [AuditEntry] {
        let deadline = ContinuousClock.now + .seconds(10)
        var last = -1
        while true {
            let entries: [AuditEntry] = try await server.server.auditStore.entries(matching: AuditFilter(limit: 100_000)).reversed()
            if entries.count >= atLeast, entries.count == last || ContinuousClock.now > deadline { return entries }
            last = entries.count
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test func testEveryRouteLeavesExactlyTheExpectedEvents() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let routes = APIRoute.all.filter { $0.roles != nil && $0.path != "/api/v1/live" && $0.path != "/api/v1/auth/logout" }
            for route in routes {
                let role: Role = route.roles?.first.map { $0 } ?? .admin
                let name = "walker-\(role.rawValue)"
                let token = try server.token(for: name, roles: [role == .patrol ? .admin : role])
                let before = try await Self.entries(server).count
                let path = route.path.replacingOccurrences(of: "{id}", with: "999999")
                let reply = try await client.send(route.method.rawValue, path, token: token)
                let expected = route.isChange ? 2 : 1
                let added = try await Self.entries(server, atLeast: before + expected).dropFirst(before).map(\.event)
                #expect(added.count == expected, "\(route.method.rawValue) \(route.path): \(added.count) events")
                guard let result = added.last else { continue }
                #expect(result.actor == name)
                #expect(result.route == route.path)
                #expect(result.method == route.method.rawValue)
                #expect(result.status == reply.status, "\(route.path): status \(String(describing: result.status)) vs \(reply.status)")
                if route.path.contains("{id}") { #expect(result.objectIDs == ["999999"], "\(route.path) object ids") }
                if route.isChange {
                    #expect(added.first?.details["phase"] == "attempt" && result.details["phase"] == "result")
                }
            }
            // A request with a wrong token is tallied, and recorded in the address's summary entry.
            server.server.authFailures.flush()
            let before = try await Self.entries(server).count
            _ = try await client.send("GET", "/api/v1/units", token: "mgis_forged")
            server.server.authFailures.flush()
            let denied = try await Self.entries(server, atLeast: before + 1).dropFirst(before).map(\.event)
            #expect(denied.count == 1 && denied.first?.actor == nil && denied.first?.outcome == .denied)
            #expect(denied.first?.action == .authFailures && denied.first?.details["failures"] == "1")
            #expect(denied.first?.details["statuses"] == "401:1" && denied.first?.details["routes"] == "GET /api/v1/units:1")
        }
    }

    @Test func testLoginsWebSocketsAndChangesAreNamedAndNoSecretEntersTheTrail() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let client = HTTPTestClient(port: server.httpPort)
            _ = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": "not-the-password"])
            let login = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": TestServer.adminPassword])
            let session = try #require(login.json?["token"] as? String)
            let device = try await client.send("POST", "/api/v1/devices", token: session, json: ["name": "car-9"])
            let key = try #require(device.json?["key"] as? String)
            let wall = try await client.send("POST", "/api/v1/users", token: session, json: ["name": "wall", "roles": ["display"]])
            let wallID = try #require(wall.json?["id"] as? Int)
            let issued = try await client.send("POST", "/api/v1/tokens", token: session, json: ["user": wallID, "label": "lobby"])
            let displayToken = try #require(issued.json?["token"] as? String)
            try await LiveFeedClient.with(port: server.httpPort, token: displayToken) { feed in
                _ = try await feed.next(type: "snapshot")
            }
            _ = try await client.send("POST", "/api/v1/auth/logout", token: session)
            server.server.authFailures.flush()
            try await Task.sleep(for: .milliseconds(200))
            let events = try await Self.entries(server).map(\.event)
            let actions = events.map(\.action.rawValue)
            for action in ["config.startup", "auth.failures", "auth.login", "device.create", "user.create", "token.issue",
                           "live.connect", "live.disconnect", "auth.logout"] {
                #expect(actions.contains(action), "missing \(action)")
            }
            #expect(events.first { $0.action == .authFailures }?.details["names"] == "admin:1", "a failed login is tallied with its name")
            #expect(events.first { $0.action == .liveConnect }?.actor == "wall")
            // No secret anywhere: passwords, tokens (also from the WebSocket URL), device keys.
            let all = try await server.server.auditStore.entries(matching: AuditFilter(limit: 100_000))
            let text = all.map { String(decoding: $0.canonicalBytes, as: UTF8.self) }.joined(separator: "\n")
            for secret in [TestServer.adminPassword, "not-the-password", session, displayToken, key] {
                #expect(!text.contains(secret), "a secret is in the audit trail")
            }
            #expect(text.contains("[redacted]"), "the WebSocket's ?token= is recorded redacted")
        }
    }

    @Test func testChangesAreRefusedWhenTheTrailCannotBeWritten() async throws {
        let directory = TestServer.temporaryDirectory()
        try await TestServer.with(directory: directory) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "root", roles: [.admin])
            #expect(try await client.send("POST", "/api/v1/units", token: admin, json: ["name": "A", "callSign": "A-1"]).status == 201)
            // Make the audit file refuse writes (as a full or read-only disk would).
            let raw = try DatabaseQueue(path: directory + "/audit.sqlite")
            try await raw.write { db in
                try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
            }
            let refused = try await client.send("POST", "/api/v1/units", token: admin, json: ["name": "B", "callSign": "B-1"])
            #expect(refused.status == 503 && refused.json?["error"] as? String == "audit_unavailable")
            #expect(try server.store.units().map(\.name) == ["A"], "nothing changed")
            let health = try await client.send("GET", "/healthz")
            #expect(health.status == 503 && (health.json?["audit"] as? String)?.hasPrefix("unwritable") == true)
            // Once the trail can be written again, changes go through.
            try await raw.write { db in try db.execute(sql: "DROP TRIGGER refuse") }
            var created = 0
            for _ in 0..<20 where created != 201 {
                created = try await client.send("POST", "/api/v1/units", token: admin, json: ["name": "C", "callSign": "C-1"]).status
                if created != 201 { try await Task.sleep(for: .milliseconds(250)) }
            }
            #expect(created == 201)
        }
    }
}
