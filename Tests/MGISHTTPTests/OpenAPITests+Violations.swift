import Foundation
import MGISCore
import MGISTestSupport
import Testing

extension OpenAPITests {
    /// The violation routes in the real session, every answer checked against the document.
    static func exerciseViolations(_ s: inout OpenAPISession, server: TestServer, unitID: String) async throws {
        let analyst = try server.token(for: "analyst.violations", roles: [.analyst])
        let patrol = try server.token(for: "patrol.violations", roles: [.patrol], unit: Int64(unitID))
        let auditor = try server.token(for: "auditor.violations", roles: [.auditor])

        try await s.call("GET", "/api/v1/violation-types", token: patrol, expect: 200)
        let created = try await s.call("POST", "/api/v1/violations", token: analyst, json: ViolationSamples.body(), expect: 201)
        let id = "\(try #require(created.json?["id"] as? Int))"
        try await s.call("POST", "/api/v1/violations", token: analyst, json: ["type": "cigarettes"], expect: 400, error: "invalid_field")
        try await s.call("POST", "/api/v1/violations", token: patrol, json: ViolationSamples.body(lat: 54.61), expect: 201)
        try await s.call("POST", "/api/v1/violations", token: auditor, json: ViolationSamples.body(), expect: 403, error: "forbidden")
        try await s.call("GET", "/api/v1/violations", token: auditor, expect: 200)
        try await s.call("GET", "/api/v1/violations", query: "limit=0", token: auditor, expect: 400, error: "invalid_field")
        try await s.call("GET", "/api/v1/violations/{id}", id: id, token: auditor, expect: 200)
        try await s.call("GET", "/api/v1/violations/{id}", id: id, token: patrol, expect: 404, error: "not_found")
        try await s.call("PATCH", "/api/v1/violations/{id}", id: id, token: analyst, json: ["status": "confirmed"], headers: ["If-Match": "\"1\""], expect: 200)
        try await s.call("PATCH", "/api/v1/violations/{id}", id: id, token: analyst, json: ["notes": "x"], headers: ["If-Match": "\"1\""], expect: 412, error: "version_conflict")
        try await s.call("PATCH", "/api/v1/violations/{id}", id: id, token: analyst, json: ["status": "recorded"], headers: ["If-Match": "\"2\""], expect: 409, error: "illegal_transition")
        try await s.call("PATCH", "/api/v1/violations/{id}", id: id, token: analyst, json: ["notes": "x"], expect: 428, error: "precondition_required")
        let versions = try await s.call("GET", "/api/v1/violations/{id}/versions", id: id, token: auditor, expect: 200)
        #expect((versions.json?["items"] as? [[String: Any]])?.compactMap { $0["status"] as? String } == ["recorded", "confirmed"])

        try await s.call("POST", "/api/v1/violations/import", token: analyst, raw: Data(ViolationSamples.csv(count: 60).utf8), headers: ["Content-Type": "text/csv"], expect: 201)
        try await s.call("POST", "/api/v1/violations/import", token: analyst, raw: Data(ViolationSamples.badCSV.utf8), headers: ["Content-Type": "text/csv"], expect: 400)
        try await s.call("POST", "/api/v1/violations/import", token: analyst, raw: Data("x".utf8), headers: ["Content-Type": "text/plain"], expect: 415)

        for path in ["grid", "density", "hotspots", "clusters", "effort"] {
            try await s.call("GET", "/api/v1/violations/analysis/\(path)", query: "cell=500&eps=300&minPoints=3", token: analyst, expect: 200)
        }
        try await s.call("GET", "/api/v1/violations/analysis/grid", query: "format=csv", token: analyst, expect: 200)
        try await s.call("GET", "/api/v1/violations/analysis/grid", query: "cell=5", token: analyst, expect: 400, error: "invalid_field")
        try await s.call("GET", "/api/v1/violations/analysis/grid", query: "types=weapons", token: analyst, expect: 404, error: "no_data")
        try await s.call("GET", "/api/v1/violations/analysis/time", token: analyst, expect: 200)
        try await s.call("GET", "/api/v1/violations/analysis/trends", query: "period=month", token: analyst, expect: 200)
        try await s.call("GET", "/api/v1/violations/analysis/trends", query: "period=fortnight", token: analyst, expect: 400, error: "invalid_field")
        try await s.call("POST", "/api/v1/violations/analysis/plan", token: analyst, json: ["lat": 10.0, "lon": 10.0], expect: 404)
    }
}
