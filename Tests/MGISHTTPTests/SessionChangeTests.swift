import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing

/// A change to a user (role, unit, disabled) or a revoked token reaches the sessions already
/// open within seconds: the next request with an old token sees the user as it is now, and an
/// open live feed is re-filtered to the new unit or closed (4001 token invalid, 4003 role).
@Suite(.timeLimit(.minutes(1))) struct SessionChangeTests {
    /// The units of a snapshot frame.
    static func units(_ frame: [String: Any]) -> Set<String> {
        Set((frame["units"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? [])
    }

    @Test func testDemotedDispatcherFeedShrinksToTheUnitAndDisabledUserIsClosed() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let setup = try await LiveFeedTests.setUp(server)
            let http = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "sc-admin", roles: [.admin])
            let token = try server.token(for: "sc-dispatcher", roles: [.dispatcher])
            let userID = try #require(try server.store.user(named: "sc-dispatcher")).id
            let unitA = "\(setup.unitA.id)", unitB = "\(setup.unitB.id)"
            let (authA, authB) = (setup.authA, setup.authB)
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                #expect(Self.units(try await session.next(type: "snapshot")) == [unitA, unitB])
                let demoted = try await http.send(
                    "PATCH", "/api/v1/users/\(userID)", token: admin, json: ["roles": ["patrol"], "unit": unitA])
                #expect(demoted.status == 200, "demote: \(demoted.text)")
                // The open feed starts over with the patrol's view, within a few seconds.
                #expect(Self.units(try await session.next(type: "snapshot", within: 5)) == [unitA])
                try await LiveFeedTests.send(server, device: 102, seq: 1, fix: Fixes.make(count: 1)[0], auth: authB)
                try await LiveFeedTests.send(server, device: 101, seq: 1, fix: Fixes.make(count: 1)[0], auth: authA)
                let frame = try await session.next(type: "positions", within: 5)
                #expect((frame["items"] as? [[String: Any]])?.map { $0["unit"] as! String } == [unitA])
                // The next request with the same token sees the new role and unit.
                let me = try await http.send("GET", "/api/v1/me", token: token)
                #expect(me.json?["roles"] as? [String] == ["patrol"], "me: \(me.text)")
                #expect(try await http.send("GET", "/api/v1/units/\(unitB)", token: token).status == 404)
                #expect(try await http.send("GET", "/api/v1/users", token: admin).status == 200)

                let disabled = try await http.send("PATCH", "/api/v1/users/\(userID)", token: admin, json: ["disabled": true])
                #expect(disabled.status == 200, "disable: \(disabled.text)")
                #expect(await session.closeCode(within: 5) == 4001)
            }
            #expect(try await http.send("GET", "/api/v1/me", token: token).status == 401)
        }
    }

    @Test func testRoleThatLosesTheFeedClosesItWith4003() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let http = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "sc-admin", roles: [.admin])
            let token = try server.token(for: "sc-watcher", roles: [.dispatcher])
            let userID = try #require(try server.store.user(named: "sc-watcher")).id
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                _ = try await session.next(type: "snapshot")
                let changed = try await http.send("PATCH", "/api/v1/users/\(userID)", token: admin, json: ["roles": ["auditor"]])
                #expect(changed.status == 200, "change: \(changed.text)")
                #expect(await session.closeCode(within: 5) == 4003)
            }
            #expect(try await http.send("GET", "/api/v1/tasks", token: token).status == 200, "an auditor reads tasks")
            #expect(try await http.send("GET", "/api/v1/devices", token: token).status == 403, "but no longer devices")
        }
    }

    @Test func testRevokedTokenClosesItsFeedWithinSeconds() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let http = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "sc-admin", roles: [.admin])
            let token = try server.token(for: "sc-display", roles: [.display])
            let tokenID = try #require(try server.store.tokens(userID: try server.store.user(named: "sc-display")?.id).first).id
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                _ = try await session.next(type: "snapshot")
                #expect(try await http.send("DELETE", "/api/v1/tokens/\(tokenID)", token: admin).status == 204)
                #expect(await session.closeCode(within: 5) == 4001)
            }
        }
    }

    /// mgisctl changes users in another process, past the server's token cache: the change still
    /// reaches open feeds and requests within the cache's 5 s and one check.
    @Test func testChangeMadeOutsideTheServerReachesTheFeedWithinSeconds() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let setup = try await LiveFeedTests.setUp(server)
            let http = HTTPTestClient(port: server.httpPort)
            let token = try server.token(for: "sc-offline", roles: [.dispatcher])
            let userID = try #require(try server.store.user(named: "sc-offline")).id
            let unitA = "\(setup.unitA.id)", unitB = "\(setup.unitB.id)"
            #expect(try await http.send("GET", "/api/v1/units/\(unitB)", token: token).status == 200)
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                #expect(Self.units(try await session.next(type: "snapshot")) == [unitA, unitB])
                try server.store.updateUser(id: userID, roles: [.patrol], unitID: .some(setup.unitA.id), nowMillis: WallClock.nowMillis())
                #expect(Self.units(try await session.next(type: "snapshot", within: 9)) == [unitA])
            }
            #expect(try await http.send("GET", "/api/v1/units/\(unitB)", token: token).status == 404)
        }
    }
}
