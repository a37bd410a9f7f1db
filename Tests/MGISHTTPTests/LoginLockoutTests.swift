import Foundation
import MGISCore
import MGISHTTP
import MGISServer
import MGISTestSupport
import Testing

/// Failed logins are delayed per (account, address), and an address that logged in to the account
/// before is "known": however many other addresses hammer the account, its owner's correct
/// password from a known address is checked at once, not refused as "another attempt is running".
@Suite(.timeLimit(.minutes(1))) struct LoginLockoutTests {
    /// `POST /api/v1/auth/login` from the loopback address `source`; returns the status code.
    static func login(port: Int, from source: String, name: String, password: String) async throws -> Int {
        let body = #"{"username":"\#(name)","password":"\#(password)"}"#
        let request = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let client = try TCPTestClient(port: port, from: source)
        guard case .bytes(let head) = await client.exchange(Array(request.utf8), replyCount: 12) else { return 0 }
        return Int(String(decoding: head.suffix(3), as: UTF8.self)) ?? 0
    }

    @Test func testOwnerFromAKnownAddressLogsInWhileOthersHammerTheAccount() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory(), tune: { $0.http.passwordCost = 8 }) { server in
            let port = server.httpPort
            let http = HTTPTestClient(port: port)
            let admin = try server.token(for: "ll-admin", roles: [.admin])
            let created = try await http.send(
                "POST", "/api/v1/users", token: admin, json: ["name": "officer", "roles": ["dispatcher"], "password": "the-right-password"])
            #expect(created.status == 201, "\(created.text)")
            // The owner's own address: a success makes it known for the account.
            #expect(try await Self.login(port: port, from: "127.0.0.2", name: "officer", password: "the-right-password") == 200)

            // Many addresses guess in parallel, each until its own delay stops it: between them
            // the account always has a check running.
            let attackers = (10..<40).map { "127.0.0.\($0)" }
            let attackEnds = ContinuousClock.now + .seconds(4)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for address in attackers {
                    group.addTask {
                        var guess = 0
                        while ContinuousClock.now < attackEnds {
                            guess += 1
                            let status = try await Self.login(port: port, from: address, name: "officer", password: "wrong-guess-\(guess)")
                            if status == 429 { try await Task.sleep(for: .milliseconds(2)) }
                        }
                    }
                }
                // Let the attack take hold, then the owner signs in from the known address.
                try await Task.sleep(for: .milliseconds(500))
                let started = ContinuousClock.now
                let owner = try await Self.login(port: port, from: "127.0.0.2", name: "officer", password: "the-right-password")
                #expect(owner == 200, "the owner was refused (\(owner)) while others hammered the account")
                #expect(ContinuousClock.now - started < .seconds(3))
                try await group.waitForAll()
            }
            #expect(server.metric("mgis_login_attempts_total{outcome=\"failed\"}") > 3, "the attack ran")
        }
    }
}
