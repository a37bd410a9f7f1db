import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing

@Suite struct LoginTests {
    @Test func testRepeatedFailedLoginsAreSlowedAndGiveNoHint() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let unknown = try await client.send("POST", "/api/v1/auth/login", json: ["username": "nobody", "password": "whatever-long"])
            let wrong = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": "wrong-password"])
            #expect(unknown.status == 401 && wrong.status == 401)
            #expect(unknown.text == wrong.text, "unknown user and wrong password must look the same")
            // Two more failures (3 in all for admin from here): the next attempt within a second is
            // refused at once with 429 and Retry-After, without checking the password.
            _ = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": "wrong-password"])
            _ = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": "wrong-password"])
            let refused = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": TestServer.adminPassword])
            #expect(refused.status == 429 && refused.json?["error"] as? String == "too_many_attempts")
            let retryAfter = try #require(refused.headers["retry-after"].flatMap(Int.init))
            #expect(retryAfter == 1)
            try await Task.sleep(for: .seconds(retryAfter))
            let later = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": TestServer.adminPassword])
            #expect(later.status == 200, "the right password works once the delay has passed")
            // A success clears the record: the next attempt is checked at once.
            let again = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": TestServer.adminPassword])
            #expect(again.status == 200)
        }
    }

    @Test func testBadBodiesAreRefusedWithTheFieldNamed() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "root", roles: [.admin])
            let notJSON = try await client.send("POST", "/api/v1/units", token: admin, raw: Data("{nope".utf8))
            #expect(notJSON.status == 400 && notJSON.json?["error"] as? String == "bad_request")
            let array = try await client.send("POST", "/api/v1/units", token: admin, raw: Data("[1,2]".utf8))
            #expect(array.status == 400)
            let wrongType = try await client.send("POST", "/api/v1/units", token: admin, json: ["name": true, "callSign": "X"])
            #expect(wrongType.status == 400 && (wrongType.json?["message"] as? String)?.contains("'name'") == true)
            let huge = try await client.send("POST", "/api/v1/units", token: admin, raw: Data(("{\"name\":\"" + String(repeating: "x", count: 70_000) + "\"}").utf8))
            #expect(huge.status == 413 && huge.json?["error"] as? String == "body_too_large")
            #expect(try server.store.units().isEmpty, "nothing was created by refused requests")
        }
    }
}
