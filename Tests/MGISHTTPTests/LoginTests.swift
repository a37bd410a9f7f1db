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
            // Two more failures (3 in all for admin), then each attempt waits: 1 s, then 2 s.
            _ = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": "wrong-password"])
            _ = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": "wrong-password"])
            let clock = ContinuousClock()
            let start = clock.now
            let slowed = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": TestServer.adminPassword])
            #expect(clock.now - start >= .milliseconds(900), "the 4th attempt after 3 failures waits about a second")
            #expect(slowed.status == 200, "the right password still works after the wait")
            // A success clears the record.
            let start2 = clock.now
            _ = try await client.send("POST", "/api/v1/auth/login", json: ["username": "admin", "password": TestServer.adminPassword])
            #expect(clock.now - start2 < .milliseconds(900))
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
