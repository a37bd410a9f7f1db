import Foundation
import HummingbirdBcrypt
import MGISCore
import MGISServer
import MGISStore
import MGISTestSupport
import Testing

/// bcrypt reads only the first 72 bytes of a password. MGIS refuses longer ones wherever a
/// password is set (422 `password_too_long`), and a longer one never logs in, so two passwords
/// that share their first 72 bytes can never both open an account.
@Suite struct PasswordLengthTests {
    static let seventyTwo = String(repeating: "p", count: 60) + "-twelve-byte"
    static let seventyThree = seventyTwo + "x"

    @Test func testPasswordsPastBcryptsBytesAreRefusedWhereverTheyAreSet() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let http = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "pl-admin", roles: [.admin])
            #expect(Self.seventyTwo.utf8.count == 72)
            let refused = try await http.send(
                "POST", "/api/v1/users", token: admin, json: ["name": "long", "roles": ["analyst"], "password": Self.seventyThree])
            #expect(refused.status == 422 && refused.json?["error"] as? String == "password_too_long", "create: \(refused.status) \(refused.text)")
            #expect((refused.json?["message"] as? String)?.contains("72") == true)
            #expect(try server.store.user(named: "long") == nil)
            // Bytes, not characters: 37 two-byte letters are 74 bytes.
            let lithuanian = String(repeating: "ž", count: 37)
            let wide = try await http.send(
                "POST", "/api/v1/users", token: admin, json: ["name": "wide", "roles": ["analyst"], "password": lithuanian])
            #expect(wide.status == 422, "create: \(wide.status) \(wide.text)")

            let created = try await http.send(
                "POST", "/api/v1/users", token: admin, json: ["name": "exact", "roles": ["analyst"], "password": Self.seventyTwo])
            let id = try #require(created.json?["id"] as? Int, "72 bytes are fine: \(created.text)")
            let patched = try await http.send("PATCH", "/api/v1/users/\(id)", token: admin, json: ["password": Self.seventyThree])
            #expect(patched.status == 422 && patched.json?["error"] as? String == "password_too_long", "patch: \(patched.text)")
            let login = try await http.send("POST", "/api/v1/auth/login", json: ["username": "exact", "password": Self.seventyTwo])
            #expect(login.status == 200, "the unchanged password still works: \(login.text)")
            let short = try await http.send("PATCH", "/api/v1/users/\(id)", token: admin, json: ["password": "short"])
            #expect(short.status == 400 && short.json?["error"] as? String == "invalid_field")
        }
    }

    /// An account whose hash was made from a longer password (before the limit) opens to at most
    /// one of the passwords sharing its first 72 bytes: the 72-byte prefix, never a longer one.
    @Test func testTwoPasswordsSharingTheFirst72BytesNeverBothLogIn() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let http = HTTPTestClient(port: server.httpPort)
            let original = Self.seventyTwo + "-the-rest-bcrypt-never-reads"
            let other = Self.seventyTwo + "-an-attacker-guesses-only-the-start"
            _ = try server.store.createUser(
                name: "legacy", roles: [.analyst], passwordHash: Bcrypt.hash(original, cost: 4), unitID: nil, nowMillis: WallClock.nowMillis())
            var admitted: [String] = []
            for password in [original, other, Self.seventyTwo] {
                let reply = try await http.send("POST", "/api/v1/auth/login", json: ["username": "legacy", "password": password])
                #expect([200, 401].contains(reply.status), "login: \(reply.status) \(reply.text)")
                if reply.status == 200 { admitted.append(password) }
            }
            #expect(!admitted.contains(original) && !admitted.contains(other), "a password over 72 bytes logged in")
            #expect(admitted.count <= 1)
        }
    }

    @Test func testTheFirstAdminsPasswordFollowsTheSameRule() async throws {
        await #expect(throws: StoreError.self) {
            try await TestServer.with(
                directory: TestServer.temporaryDirectory(), tune: { $0.initialAdminPassword = Self.seventyThree }
            ) { _ in }
        }
    }
}
