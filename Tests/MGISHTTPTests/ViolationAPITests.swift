import Foundation
import MGISAudit
import MGISCore
import MGISServer
import MGISTestSupport
import Testing

/// The violations register over real HTTP: imports are all or nothing with every bad row named,
/// reads are audited by record, patrols report for their own unit, task results feed the
/// register, and a planted hotspot becomes a draft task.
@Suite struct ViolationAPITests {
    @Test func testImportWithBadRowsNamesEachAndImportsNothing() async throws {
        try await TaskAPITests.withFixture { _, f in
            let analyst = f.analyst
            let refused = try await f.client.send(
                "POST", "/api/v1/violations/import", token: analyst, raw: Data(ViolationSamples.badCSV.utf8), headers: ["Content-Type": "text/csv"]
            )
            #expect(refused.status == 400 && refused.json?["error"] as? String == "import_failed", "\(refused.text)")
            let issues = refused.json?["issues"] as? [[String: Any]] ?? []
            let named = Set(issues.map { "\($0["row"] as? Int ?? -1):\($0["field"] as? String ?? "")" })
            #expect(named.contains("3:lat"), "\(named)")
            #expect(named.contains("4:time"), "\(named)")
            #expect(!named.contains { $0.hasPrefix("2:") }, "the good row is not blamed: \(named)")
            var list = try await f.client.send("GET", "/api/v1/violations", token: analyst)
            #expect(list.json?["total"] as? Int == 0, "the good first row was not imported either")

            let imported = try await f.client.send(
                "POST", "/api/v1/violations/import", token: analyst, raw: Data(ViolationSamples.csv(count: 25).utf8), headers: ["Content-Type": "text/csv"]
            )
            #expect(imported.status == 201 && imported.json?["imported"] as? Int == 25, "\(imported.text)")
            list = try await f.client.send("GET", "/api/v1/violations?limit=10", token: analyst)
            #expect(list.json?["total"] as? Int == 25)
            #expect((list.json?["items"] as? [Any])?.count == 10)
        }
    }

    @Test func testReadsAreAuditedWithTheRecordsShown() async throws {
        try await TaskAPITests.withFixture { server, f in
            let a = try #require(try await f.client.send("POST", "/api/v1/violations", token: f.analyst, json: ViolationSamples.body()).json?["id"] as? Int)
            let b = try #require(try await f.client.send("POST", "/api/v1/violations", token: f.analyst, json: ViolationSamples.body(lat: 54.7)).json?["id"] as? Int)
            let auditor = try server.token(for: "reader", roles: [.auditor])
            #expect(try await f.client.send("GET", "/api/v1/violations", token: auditor).status == 200)
            #expect(try await f.client.send("GET", "/api/v1/violations/\(a)", token: auditor).status == 200)
            // Reads are written by the audit writer's next batch.
            var events: [AuditEvent] = []
            for _ in 0..<100 {
                events = try await server.server.auditStore.entries(matching: AuditFilter(action: .sensitiveRead)).map(\.event)
                if events.filter({ $0.actor == "reader" }).count >= 2 { break }
                try await Task.sleep(for: .milliseconds(30))
            }
            let list = try #require(events.first { $0.route == "/api/v1/violations" && $0.actor == "reader" })
            #expect(Set(list.objectIDs) == ["violation:\(a)", "violation:\(b)"])
            #expect(events.contains { $0.route == "/api/v1/violations/{id}" && $0.objectIDs == ["\(a)"] })
        }
    }

    @Test func testPatrolReportsForItsOwnUnitAndSeesOnlyItsOwn() async throws {
        try await TaskAPITests.withFixture { _, f in
            var body = ViolationSamples.body()
            body["unit"] = String(f.otherUnit)
            let created = try await f.client.send("POST", "/api/v1/violations", token: f.patrol, json: body)
            #expect(created.status == 201 && created.json?["unit"] as? String == String(f.unit), "\(created.text)")
            let id = try #require(created.json?["id"] as? Int)
            #expect(try await f.client.send("GET", "/api/v1/violations/\(id)", token: f.patrol).status == 200)
            #expect(try await f.client.send("GET", "/api/v1/violations/\(id)", token: f.otherPatrol).status == 404)
            #expect((try await f.client.send("GET", "/api/v1/violations", token: f.otherPatrol).json?["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func testCompletedTaskResultFeedsTheRegister() async throws {
        try await TaskAPITests.withFixture { _, f in
            let id = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: TaskAPITests.draft()).json?["id"] as? Int)
            try await TaskAPITests.act(f, id, ["action": "dispatch", "units": [String(f.unit)]], token: f.dispatcher, expect: 200)
            try await TaskAPITests.act(f, id, ["action": "acknowledge"], token: f.patrol, expect: 200)
            try await TaskAPITests.act(f, id, ["action": "on_scene"], token: f.patrol, expect: 200)

            // A finding the register refuses (a type not in its catalog): the task is not
            // completed and nothing is recorded, since both are one transaction.
            var refused = TaskAPITests.result()
            var findings = refused["violations"] as? [[String: Any]] ?? []
            findings.append(findings[0].merging(["type": "bananas"]) { $1 })
            refused["violations"] = findings
            let refusal = try await TaskAPITests.act(f, id, ["action": "complete", "result": refused], token: f.patrol, expect: 400)
            #expect(refusal.json?["error"] as? String == "invalid_field")
            #expect((refusal.json?["message"] as? String)?.contains("result.violations[1].type") == true, "\(refusal.text)")
            let still = try await f.client.send("GET", "/api/v1/tasks/\(id)", token: f.patrol)
            #expect(still.json?["state"] as? String == "on_scene")
            #expect((try await f.client.send("GET", "/api/v1/violations", token: f.analyst).json?["items"] as? [Any])?.isEmpty == true)

            try await TaskAPITests.act(f, id, ["action": "complete", "result": TaskAPITests.result()], token: f.patrol, expect: 200)
            let items = try await f.client.send("GET", "/api/v1/violations", token: f.analyst).json?["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["task"] as? Int == id && items.first?["unit"] as? String == String(f.unit))
            #expect(items.first?["vehiclePlate"] as? String == "ABC123")
        }
    }

    @Test func testPlantedHotspotIsFoundAndPlannedAsADraftTask() async throws {
        try await TaskAPITests.withFixture { _, f in
            // 300 background points spread over a 0.4 x 0.6 degree box, 80 at one spot.
            var csv = "time,lat,lon,type,goods\n"
            var generator = SplitMix64(seed: 20_261_207)  // seeded: a failure replays
            let base = WallClock.nowMillis() - 20 * 86_400_000
            for index in 0..<300 {
                csv += "\(TaskAPITests.time(base + Int64(index) * 3_600_000)),\(Double.random(in: 54.4...54.8, using: &generator)),\(Double.random(in: 25.0...25.6, using: &generator)),alcohol,vodka\n"
            }
            for index in 0..<80 {
                csv += "\(TaskAPITests.time(base + Int64(index % 20) * 86_400_000 + 18 * 3_600_000)),\(54.538 + Double(index % 5) * 0.0004),\(25.645 + Double(index % 7) * 0.0004),cigarettes,cartons\n"
            }
            let imported = try await f.client.send("POST", "/api/v1/violations/import", token: f.analyst, raw: Data(csv.utf8), headers: ["Content-Type": "text/csv"])
            #expect(imported.status == 201, "\(imported.text)")
            let hotspots = try await f.client.send("GET", "/api/v1/violations/analysis/hotspots?cell=1000", token: f.analyst)
            let features = try #require((try JSONSerialization.jsonObject(with: hotspots.body) as? [String: Any])?["features"] as? [[String: Any]])
            let hot = features.filter { (($0["properties"] as? [String: Any])?["gi_bin"] as? Int ?? 0) == 3 }
            #expect(!hot.isEmpty && hot.count < 10, "\(hot.count) cells hot at 99 %")
            // Only the significant cells, when asked: the same cells with the same statistics.
            let significant = try await f.client.send("GET", "/api/v1/violations/analysis/hotspots?cell=1000&significant=true", token: f.analyst)
            let kept = try #require((try JSONSerialization.jsonObject(with: significant.body) as? [String: Any])?["features"] as? [[String: Any]])
            let bins = kept.map { ($0["properties"] as? [String: Any])?["gi_bin"] as? Int ?? 0 }
            #expect(!kept.isEmpty && bins.allSatisfy { $0 != 0 })
            #expect(kept.count == features.filter { (($0["properties"] as? [String: Any])?["gi_bin"] as? Int ?? 0) != 0 }.count)
            #expect(kept.count < features.count / 10, "\(kept.count) of \(features.count) cells")
            let onlyHot = try await f.client.send("GET", "/api/v1/violations/analysis/hotspots?cell=1000&significant=hot&format=csv", token: f.analyst)
            #expect(onlyHot.status == 200 && onlyHot.text.split(whereSeparator: \.isNewline).count - 1 == bins.filter { $0 > 0 }.count, "\(onlyHot.text.prefix(300))")
            let badLevel = try await f.client.send("GET", "/api/v1/violations/analysis/hotspots?significant=maybe", token: f.analyst)
            #expect(badLevel.status == 400 && badLevel.text.contains("significant"))
            // An unknown type is named, not answered with "no violations match".
            for path in ["/api/v1/violations?types=tobacco", "/api/v1/violations/analysis/grid?types=cigarettes,tobacco"] {
                let unknown = try await f.client.send("GET", path, token: f.analyst)
                #expect(unknown.status == 400 && unknown.text.contains("'tobacco'") && unknown.text.contains("cigarettes"), "\(path): \(unknown.text)")
            }
            let matrix = try await f.client.send("GET", "/api/v1/violations/analysis/time?tz=UTC", token: f.analyst).json ?? [:]
            #expect(matrix["total"] as? Int == 380)
            let plan = try await f.client.send("POST", "/api/v1/violations/analysis/plan", token: f.analyst, json: ["lat": 54.5385, "lon": 25.6465, "cell": 1000])
            #expect(plan.status == 201, "\(plan.text)")
            let task = try #require(plan.json?["task"] as? [String: Any])
            #expect(task["state"] as? String == "draft" && task["type"] as? String == "area_patrol")
            // The dispatcher finds the draft on the board.
            let drafts = try await f.client.send("GET", "/api/v1/tasks?state=draft", token: f.dispatcher).json?["items"] as? [[String: Any]] ?? []
            #expect(drafts.contains { $0["id"] as? Int == task["id"] as? Int })
        }
    }
}
