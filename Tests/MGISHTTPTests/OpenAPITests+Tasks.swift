import Foundation
import MGISCore
import MGISStore
import MGISTasks
import MGISTestSupport
import Testing

extension OpenAPITests {
    /// The task routes in the real session: every documented answer checked against the document.
    static func exerciseTasks(_ s: inout OpenAPISession, server: TestServer, unitID: String) async throws {
        let dispatcher = try server.token(for: "dispatcher.session", roles: [.dispatcher])
        let patrol = try server.token(for: "patrol.session", roles: [.patrol], unit: Int64(unitID))
        let analyst = try server.token(for: "analyst.session", roles: [.analyst])

        let created = try await s.call("POST", "/api/v1/tasks", token: dispatcher, json: TaskAPITests.draft(units: [Int64(unitID)!]), expect: 201)
        let id = "\(try #require(created.json?["id"] as? Int))"
        try await s.call("POST", "/api/v1/tasks", token: dispatcher, json: ["title": 5], expect: 400, error: "invalid_field")
        try await s.call("POST", "/api/v1/tasks", token: patrol, json: TaskAPITests.draft(), expect: 403, error: "forbidden")
        try await s.call("GET", "/api/v1/tasks", token: dispatcher, expect: 200)
        try await s.call("GET", "/api/v1/tasks", query: "state=nonsense", token: dispatcher, expect: 400, error: "invalid_field")
        try await s.call("GET", "/api/v1/tasks", token: patrol, expect: 200)
        try await s.call("GET", "/api/v1/tasks/{id}", id: id, token: analyst, expect: 200)
        try await s.call("GET", "/api/v1/tasks/{id}", id: "99999", token: dispatcher, expect: 404, error: "not_found")

        var edit = TaskAPITests.draft(units: [Int64(unitID)!])
        edit["title"] = "Edited title"
        try await s.call("PUT", "/api/v1/tasks/{id}", id: id, token: dispatcher, json: edit, headers: ["If-Match": "\"1\""], expect: 200)
        try await s.call("PUT", "/api/v1/tasks/{id}", id: id, token: dispatcher, json: edit, headers: ["If-Match": "\"1\""], expect: 412, error: "version_conflict")
        try await s.call("PUT", "/api/v1/tasks/{id}", id: id, token: dispatcher, json: edit, expect: 428, error: "precondition_required")

        try await s.call("POST", "/api/v1/tasks/{id}/actions", id: id, token: dispatcher, json: ["action": "dispatch", "units": [unitID]], expect: 200)
        try await s.call("POST", "/api/v1/tasks/{id}/actions", id: id, token: patrol, json: ["action": "acknowledge"], expect: 200)
        try await s.call("POST", "/api/v1/tasks/{id}/actions", id: id, token: patrol, json: ["action": "complete", "result": TaskAPITests.result()], expect: 409, error: "illegal_transition")
        try await s.call("POST", "/api/v1/tasks/{id}/actions", id: id, token: patrol, json: ["action": "on_scene"], expect: 200)
        try await s.call("POST", "/api/v1/tasks/{id}/actions", id: id, token: patrol, json: ["action": "complete", "result": TaskAPITests.result()], expect: 200)
        try await s.call("GET", "/api/v1/tasks/{id}/timeline", id: id, token: dispatcher, expect: 200)

        try await s.call("GET", "/api/v1/alerts", token: dispatcher, expect: 200)
        try await s.call("POST", "/api/v1/alerts/{id}/acknowledge", id: "99999", token: dispatcher, expect: 404, error: "not_found")
        let alertID = try server.store.insertAlerts([.init(kind: .panic, taskID: nil, unitID: Int64(unitID), raisedMillis: WallClock.nowMillis(), message: "Panic")])[0].id
        try await s.call("POST", "/api/v1/alerts/{id}/acknowledge", id: "\(alertID)", token: dispatcher, expect: 200)

        var template = TaskAPITests.draft()
        template.removeValue(forKey: "window")
        template["name"] = "Session template"
        template["durationMinutes"] = 120
        let stored = try await s.call("POST", "/api/v1/task-templates", token: dispatcher, json: template, expect: 201)
        try await s.call("POST", "/api/v1/task-templates", token: dispatcher, json: template, expect: 409, error: "conflict")
        try await s.call("GET", "/api/v1/task-templates", token: analyst, expect: 200)
        let templateID = "\(try #require(stored.json?["id"] as? Int))"
        let schedule: [String: Any] = [
            "recurrence": ["weekdays": [6, 7], "start": "22:00", "end": "02:00", "timeZone": "Europe/Vilnius", "firstDay": "2026-06-01"],
            "from": "2026-06-01T00:00:00Z", "to": "2026-06-15T00:00:00Z",
        ]
        try await s.call("POST", "/api/v1/task-templates/{id}/schedule", id: templateID, token: dispatcher, json: schedule, expect: 201)
        try await s.call("POST", "/api/v1/task-templates/{id}/schedule", id: "99999", token: dispatcher, json: schedule, expect: 404, error: "not_found")

        try await s.call("GET", "/api/v1/reports/units", token: analyst, expect: 200)
        try await s.call("GET", "/api/v1/reports/units", query: "format=csv", token: analyst, expect: 200)
        try await s.call("GET", "/api/v1/reports/units", query: "from=yesterday", token: analyst, expect: 400, error: "invalid_field")
    }
}
