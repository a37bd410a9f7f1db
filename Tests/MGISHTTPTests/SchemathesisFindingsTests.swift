import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing

/// Answers schemathesis (Fuzz/schemathesis.sh) found undocumented or off the document, each
/// checked against the served OpenAPI document so they stay fixed.
@Suite struct SchemathesisFindingsTests {
    @Test func testFoundAnswersMatchTheDocument() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let document = try OpenAPIDocument(try await client.send("GET", "/api/openapi.json").body)
            var s = OpenAPISession(client: client, document: document)
            let admin = try server.token(for: "admin.st", roles: [.admin])
            let dispatcher = try server.token(for: "dispatcher.st", roles: [.dispatcher])

            // A `user` filter that is not a whole number is refused (the document said ignored).
            try await s.call("GET", "/api/v1/tokens", query: "user=null", token: admin, expect: 400, error: "invalid_field")
            // A malformed Idempotency-Key is refused before anything runs, on every route taking one.
            try await s.call(
                "POST", "/api/v1/alerts/{id}/acknowledge", id: "0", token: dispatcher, headers: ["Idempotency-Key": String(repeating: "k", count: 256)],
                expect: 400, error: "invalid_header"
            )
            // A patrol whose unit was deleted sees an empty page, with its `total` like every page.
            let unit = try server.store.createUnit(name: "Gone", callSign: "G-1", homeStation: "").id
            let patrol = try server.token(for: "patrol.st", roles: [.patrol], unit: unit)
            try await s.call("DELETE", "/api/v1/units/{id}", id: String(unit), token: admin, expect: 204)
            let page = try await s.call("GET", "/api/v1/violations", token: patrol, expect: 200)
            #expect(page.json?["total"] as? Int == 0)
        }
    }
}
