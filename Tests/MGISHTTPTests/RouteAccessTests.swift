import Foundation
import HTTPTypes
import MGISCore
import MGISHTTP
import MGISStore
import MGISTestSupport
import Testing

/// Walks the whole route table with no token, a wrong token, an expired token, a revoked token
/// and a token of each role, and checks the answer each time.
@Suite struct RouteAccessTests {
    static func path(_ route: APIRoute) -> String {
        // An id no object has: allowed callers get 404/400, refused callers 403 before any lookup.
        route.path.replacingOccurrences(of: "{id}", with: "999999")
    }

    @Test func testEveryRouteRequiresATokenAndTheRightRole() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let unit = try server.store.createUnit(name: "Own", callSign: "OWN-1", homeStation: "")
            let expired = try server.token(for: "expired-user", roles: [.admin], validForMillis: -1000)
            let revokedToken = try server.token(for: "revoked-user", roles: [.admin])
            let revokedUser = try #require(try server.store.user(named: "revoked-user"))
            let revokedID = try #require(try server.store.tokens(userID: revokedUser.id).first).id
            try server.store.revokeToken(id: revokedID, nowMillis: WallClock.nowMillis())
            // A valid token of the all-seeing role, but in the address, where only the live feed takes it.
            let inAddress = try server.token(for: "address-admin", roles: [.admin])
            let protected = APIRoute.all.filter { $0.roles != nil && $0.path != "/api/v1/live" }
            #expect(protected.count >= 18)
            for route in protected {
                let method = route.method.rawValue
                let path = Self.path(route)
                let none = try await client.send(method, path)
                #expect(none.status == 401 && none.json?["error"] as? String == "unauthorized", "\(method) \(path) without token: \(none.status)")
                let addressed = try await client.send(method, path + "?token=" + inAddress)
                #expect(
                    addressed.status == 401 && (addressed.json?["message"] as? String)?.contains("Authorization: Bearer") == true,
                    "\(method) \(path) with ?token=: \(addressed.status)"
                )
                let wrong = try await client.send(method, path, token: "mgis_not-a-real-token")
                #expect(wrong.status == 401, "\(method) \(path) wrong token: \(wrong.status)")
                let old = try await client.send(method, path, token: expired)
                #expect(old.status == 401 && old.json?["error"] as? String == "token_expired", "\(method) \(path) expired: \(old.status)")
                let revoked = try await client.send(method, path, token: revokedToken)
                #expect(revoked.status == 401 && revoked.json?["error"] as? String == "token_revoked", "\(method) \(path) revoked")
                for role in Role.allCases {
                    let token = try server.token(for: "as-\(role.rawValue)", roles: [role], unit: role == .patrol ? unit.id : nil)
                    let reply = try await client.send(method, path, token: token)
                    let identity = Identity(
                        user: User(id: 0, name: "x", roles: [role], unitID: nil, disabled: false, createdMillis: 0), tokenID: 0,
                        tokenKind: .issued
                    )
                    if route.allows(identity) {
                        #expect(reply.status != 401 && reply.status != 403, "\(method) \(path) as \(role): \(reply.status) \(reply.text)")
                    } else {
                        #expect(reply.status == 403, "\(method) \(path) as \(role): \(reply.status)")
                        #expect(reply.json?["error"] as? String == "forbidden")
                    }
                }
            }
        }
    }

    @Test func testPublicEndpointsNeedNoToken() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let client = HTTPTestClient(port: server.httpPort)
            #expect(try await client.send("GET", "/healthz").status == 200)
            #expect(try await client.send("GET", "/map-config.json").status == 200)
            #expect(try await client.send("GET", "/display/").status == 200)
            let login = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": TestServer.adminPassword])
            #expect(login.status == 200)
        }
    }
}
