import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing

/// The audit entries of changes to users, units and trackers name what changed: the new object's
/// id, the fields given and their new values, never a password.
@Suite struct ChangeAuditTests {
    @Test func testChangesNameTheirTargetAndChangedFields() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let http = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "chg-admin", roles: [.admin])
            let auditor = try server.token(for: "chg-auditor", roles: [.auditor])
            let unit = try #require(try await http.send(
                "POST", "/api/v1/units", token: admin, json: ["name": "East", "callSign": "E-1"]).json?["id"] as? String)
            #expect(try await http.send("PATCH", "/api/v1/units/\(unit)", token: admin, json: ["homeStation": "Medininkai"]).status == 200)
            let user = try #require(try await http.send(
                "POST", "/api/v1/users", token: admin, json: ["name": "watcher", "roles": ["analyst"], "password": "secret-password-1"]
            ).json?["id"] as? Int)
            let patched = try await http.send(
                "PATCH", "/api/v1/users/\(user)", token: admin, json: ["roles": ["patrol"], "unit": unit, "password": "secret-password-2"])
            #expect(patched.status == 200, "patch: \(patched.text)")
            #expect(try await http.send("POST", "/api/v1/devices", token: admin, json: ["name": "east-car", "id": 77]).status == 201)
            #expect(try await http.send("PATCH", "/api/v1/devices/77", token: admin, json: ["unit": unit, "enabled": false]).status == 200)

            let trail = try await http.send("GET", "/api/v1/audit?limit=200", token: auditor)
            let results = (trail.json?["items"] as? [[String: Any]] ?? []).filter { ($0["details"] as? [String: String])?["phase"] == "result" }
            func entry(_ action: String) -> (objects: [String], details: [String: String])? {
                results.first { $0["action"] as? String == action }.map { ($0["objectIDs"] as? [String] ?? [], $0["details"] as? [String: String] ?? [:]) }
            }
            let unitCreate = try #require(entry("unit.create"), "\(results.map { $0["action"] ?? "" })")
            #expect(unitCreate.objects.contains("unit:\(unit)") && unitCreate.details["new.callSign"] == "E-1")
            let unitUpdate = try #require(entry("unit.update"))
            #expect(unitUpdate.details["fields"] == "homeStation" && unitUpdate.details["new.homeStation"] == "Medininkai")
            let userCreate = try #require(entry("user.create"))
            #expect(userCreate.objects.contains("user:\(user)") && userCreate.details["new.roles"] == "analyst")
            let userUpdate = try #require(entry("user.update"))
            #expect(userUpdate.details["fields"] == "password,roles,unit", "\(userUpdate.details)")
            #expect(userUpdate.details["new.roles"] == "patrol" && userUpdate.details["new.unit"] == unit)
            #expect(userUpdate.details["new.password"] == nil)
            let deviceUpdate = try #require(entry("device.update"))
            #expect(deviceUpdate.details["fields"] == "enabled,unit" && deviceUpdate.details["new.enabled"] == "false")
            #expect(entry("device.create")?.objects.contains("device:77") == true)
            #expect(!trail.text.contains("secret-password"), "a password entered the trail")
        }
    }

    @Test func testCreatesNameTheObjectsTheyMade() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let http = HTTPTestClient(port: server.httpPort)
            let dispatcher = try server.token(for: "new-dispatcher", roles: [.dispatcher])
            let analyst = try server.token(for: "new-analyst", roles: [.analyst])
            let auditor = try server.token(for: "new-auditor", roles: [.auditor])
            let task = try #require(try await http.send("POST", "/api/v1/tasks", token: dispatcher, json: TaskAPITests.draft()).json?["id"] as? Int)
            let violation = try #require(try await http.send("POST", "/api/v1/violations", token: analyst, json: [
                "observed": TaskAPITests.time(WallClock.nowMillis() - 60_000), "location": ["lat": 54.6, "lon": 25.2], "type": "cigarettes", "goodsDescription": "cartons",
            ]).json?["id"] as? Int)
            var csv = "time,lat,lon,type,goods\n"
            for index in 0..<3 { csv += "\(TaskAPITests.time(WallClock.nowMillis() - Int64(index + 2) * 3_600_000)),54.6,25.2,alcohol,vodka\n" }
            let imported = try await http.send("POST", "/api/v1/violations/import", token: analyst, raw: Data(csv.utf8), headers: ["Content-Type": "text/csv"])
            #expect(imported.status == 201, "\(imported.text)")

            let trail = try await http.send("GET", "/api/v1/audit?limit=200", token: auditor)
            let results = (trail.json?["items"] as? [[String: Any]] ?? []).filter { ($0["details"] as? [String: String])?["phase"] == "result" }
            func entry(_ method: String, _ route: String) -> (objects: [String], details: [String: String])? {
                results.first { $0["method"] as? String == method && $0["route"] as? String == route }
                    .map { ($0["objectIDs"] as? [String] ?? [], $0["details"] as? [String: String] ?? [:]) }
            }
            #expect(entry("POST", "/api/v1/tasks")?.objects == ["task:\(task)"], "\(String(describing: entry("POST", "/api/v1/tasks")))")
            #expect(entry("POST", "/api/v1/violations")?.objects == ["violation:\(violation)"])
            let imports = try #require(entry("POST", "/api/v1/violations/import"))
            #expect(imports.details["imported"] == "3")
            #expect(imports.details["violations"] == "violation:\(violation + 1) ... violation:\(violation + 3)", "\(imports.details)")
        }
    }
}
