import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing

/// A new password revokes the user's tokens (sessions and long-lived ones alike), so whoever
/// learnt the old password or a token made with it is out; an admin changing their own keeps only
/// the session that made the change.
@Suite struct PasswordChangeTests {
    @Test func testPasswordChangeRevokesTheUsersOtherTokens() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let http = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "pw-admin", roles: [.admin])
            let created = try await http.send(
                "POST", "/api/v1/users", token: admin, json: ["name": "officer", "roles": ["dispatcher"], "password": "first-password-1"])
            let officer = try #require(created.json?["id"] as? Int, "create: \(created.text)")
            let login = try await http.send("POST", "/api/v1/auth/login", json: ["username": "officer", "password": "first-password-1"])
            let session = try #require(login.json?["token"] as? String, "login: \(login.text)")
            let issued = try #require(
                try await http.send("POST", "/api/v1/tokens", token: admin, json: ["user": officer]).json?["token"] as? String)
            #expect(try await http.send("GET", "/api/v1/me", token: session).status == 200)

            let changed = try await http.send("PATCH", "/api/v1/users/\(officer)", token: admin, json: ["password": "second-password-2"])
            #expect(changed.status == 200, "change: \(changed.text)")
            for token in [session, issued] {
                let reply = try await http.send("GET", "/api/v1/me", token: token)
                #expect(reply.status == 401 && reply.json?["error"] as? String == "token_revoked", "old token: \(reply.status) \(reply.text)")
            }
            let again = try await http.send("POST", "/api/v1/auth/login", json: ["username": "officer", "password": "second-password-2"])
            #expect(again.status == 200, "the new password signs in: \(again.text)")

            // An admin changing their own password keeps the session that did it, loses the others.
            let adminID = try #require(try server.store.user(named: "pw-admin")).id
            let otherAdminSession = try server.token(for: "pw-admin", roles: [.admin])
            let own = try await http.send("PATCH", "/api/v1/users/\(adminID)", token: admin, json: ["password": "admin-password-3"])
            #expect(own.status == 200, "own change: \(own.text)")
            #expect(try await http.send("GET", "/api/v1/me", token: admin).status == 200, "the changing session stays")
            #expect(try await http.send("GET", "/api/v1/me", token: otherAdminSession).status == 401)
            // Changing only roles revokes nothing.
            let fresh = try #require(again.json?["token"] as? String)
            #expect(try await http.send("PATCH", "/api/v1/users/\(officer)", token: admin, json: ["roles": ["analyst"]]).status == 200)
            #expect(try await http.send("GET", "/api/v1/me", token: fresh).status == 200)
        }
    }
}
