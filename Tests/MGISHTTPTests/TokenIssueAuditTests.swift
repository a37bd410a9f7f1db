import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing

/// An admin may mint a token for another user (an auditor, say): the audit entry of
/// `POST /api/v1/tokens` names that user and the token, not only the route.
@Suite struct TokenIssueAuditTests {
    @Test func testTokenIssueEntryNamesTheUserItIsFor() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let admin = try server.token(for: "issuer", roles: [.admin])
            let auditor = try server.token(for: "inspector", roles: [.auditor])
            let http = HTTPTestClient(port: server.httpPort)
            let target = try #require(try server.store.user(named: "inspector"))

            let issued = try await http.send("POST", "/api/v1/tokens", token: admin, json: ["user": target.id, "label": "for the inspector"])
            #expect(issued.status == 201, "issue: \(issued.text)")
            let tokenID = try #require(issued.json?["id"] as? Int)

            let trail = try await http.send("GET", "/api/v1/audit?action=token.issue", token: auditor)
            let entries = (trail.json?["items"] as? [[String: Any]] ?? []).filter { $0["status"] as? Int == 201 }
            let entry = try #require(entries.first, "no token.issue entry: \(trail.text)")
            #expect(entry["actor"] as? String == "issuer")
            let objects = entry["objectIDs"] as? [String] ?? []
            #expect(objects.contains("user:\(target.id)") && objects.contains("token:\(tokenID)"), "objects: \(objects)")
            #expect((entry["details"] as? [String: String])?["for_user"] == "inspector", "details: \(entry["details"] ?? "")")
            // The secret itself never enters the trail.
            let value = try #require(issued.json?["token"] as? String)
            #expect(!trail.text.contains(value))
        }
    }
}
