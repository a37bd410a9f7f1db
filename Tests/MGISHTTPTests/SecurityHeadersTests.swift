import Foundation
import MGISCore
import MGISHTTP
import MGISServer
import MGISTestSupport
import Testing

/// Every answer, over a real socket, carries the browser-hardening headers: pages, the API,
/// refusals and a 404 past every route; with a tile server configured its origin (and only that)
/// joins `img-src`. `Strict-Transport-Security` only with TLS on (TLSTests).
@Suite struct SecurityHeadersTests {
    static let policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:"
        + "; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    @Test func testEveryResponseCarriesTheSecurityHeaders() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let http = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "hdr-admin", roles: [.admin])
            let replies = [
                ("page", try await http.send("GET", "/")),
                ("script", try await http.send("GET", "/common/task-areas.js")),
                ("health", try await http.send("GET", "/healthz")),
                ("api", try await http.send("GET", "/api/v1/me", token: admin)),
                ("refused", try await http.send("GET", "/api/v1/users")),
                ("missing", try await http.send("GET", "/no/such/page")),
            ]
            #expect(replies.map(\.1.status) == [200, 200, 200, 200, 401, 404])
            for (name, reply) in replies {
                #expect(reply.headers["content-security-policy"] == Self.policy, "\(name): \(reply.headers)")
                #expect(reply.headers["x-content-type-options"] == "nosniff", "\(name)")
                #expect(reply.headers["referrer-policy"] == "no-referrer", "\(name)")
                #expect(reply.headers["x-frame-options"] == "DENY", "\(name)")
                // Plain HTTP: no HSTS (TLSTests checks it with TLS on).
                #expect(reply.headers["strict-transport-security"] == nil, "\(name)")
            }
        }
    }

    @Test func testTileServerJoinsImageSources() async throws {
        let tiles = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
        try await TestServer.with(directory: TestServer.temporaryDirectory(), tune: { $0.http.tileURL = tiles }) { server in
            let reply = try await HTTPTestClient(port: server.httpPort).send("GET", "/display/")
            let policy = reply.headers["content-security-policy"] ?? ""
            #expect(policy.contains("img-src 'self' data: blob: https://*.tile.example.org;"), "policy: \(policy)")
            #expect(policy.contains("script-src 'self';"))
        }
    }
}
