import Foundation
import HTTPTypes
import MGISCore
import MGISHTTP
import MGISProtocol
import MGISStore
import MGISTestSupport
import Testing

/// Least privilege for patrols: unit Alpha drives, raises a panic alarm, reports a violation and
/// works a task of its own and one shared with Bravo; Bravo's patrol then walks every route a
/// patrol may call (the table must cover each of them) and sees nothing of Alpha: no position,
/// track, arrival, alert, violation or task of Alpha's alone.
@Suite struct PatrolConfinementTests {
    /// One row: a request of Bravo's patrol and what its answer must (not) show of Alpha.
    struct Case {
        let route: String
        let method: String
        let path: String
        var body: [String: Any]? = nil
        /// Nil when the answer is right, else what leaked or went wrong.
        let check: (HTTPTestClient.Reply) -> String?
    }

    static func items(_ reply: HTTPTestClient.Reply) -> [[String: Any]] { reply.json?["items"] as? [[String: Any]] ?? [] }

    /// A refusal that says nothing of the object: 403 or 404.
    static func refused(_ reply: HTTPTestClient.Reply) -> String? {
        reply.status == 403 || reply.status == 404 ? nil : "answered \(reply.status): \(reply.text.prefix(300))"
    }

    /// 200 whose list holds no item whose `key` is `value`.
    static func listWithout(_ key: String, _ value: String) -> (HTTPTestClient.Reply) -> String? {
        { reply in
            guard reply.status == 200 else { return "answered \(reply.status): \(reply.text.prefix(300))" }
            let leaked = items(reply).filter { "\($0[key] ?? "")" == value }
            return leaked.isEmpty ? nil : "lists \(leaked.count) item(s) with \(key) \(value): \(leaked)"
        }
    }

    @Test func testAPatrolSeesNothingOfAnotherUnitOnAnyRoute() async throws {
        try await TaskAPITests.withFixture { server, f in
            let alpha = String(f.unit)
            let admin = try server.token(for: "adm", roles: [.admin])
            // Alpha's tracker, assigned through the API so every directory hears of it.
            let auth = try await server.addDevice(81)
            let assigned = try await f.client.send("PATCH", "/api/v1/devices/81", token: admin, json: ["unit": alpha])
            #expect(assigned.status == 200, "assign: \(assigned.text)")

            // Alpha's own task, and one shared with Bravo; both dispatched before Alpha drives.
            var ids: [Int] = []
            for units in [[f.unit], [f.unit, f.otherUnit]] {
                let draft = TaskAPITests.draft(units: units, start: WallClock.nowMillis() - 60_000)
                let id = try #require(try await f.client.send("POST", "/api/v1/tasks", token: f.dispatcher, json: draft).json?["id"] as? Int)
                try await TaskAPITests.act(f, id, ["action": "dispatch", "units": units.map(String.init)], token: f.dispatcher, expect: 200)
                ids.append(id)
            }
            let (own, shared) = (ids[0], ids[1])
            // Alpha drives inside both areas (54.6-54.7, 25.2-25.3); the last fix presses panic.
            let client = UDPTestClient(port: server.udpPort)
            var fixes = Fixes.make(count: 4)
            fixes[3].flags.insert(.alarm)
            for (index, fix) in fixes.enumerated() {
                let ack = await client.exchange(MTPCodec.encode(device: 81, seq: UInt32(index + 1), fixes: [fix], authenticator: auth))
                #expect(ack != nil, "fix \(index + 1) not acknowledged")
            }
            // Alpha reports a violation on the spot.
            let reported = try await f.client.send("POST", "/api/v1/violations", token: f.patrol, json: ViolationSamples.body())
            let violation = try #require(reported.json?["id"] as? Int, "violation: \(reported.text)")
            // Wait until monitoring marked Alpha's arrival and the panic alert is stored.
            var ready = false
            for _ in 0..<150 where !ready {
                let alerts = Self.items(try await f.client.send("GET", "/api/v1/alerts", token: f.dispatcher))
                let timeline = try await f.client.send("GET", "/api/v1/tasks/\(shared)/timeline", token: f.dispatcher).json
                let entries = timeline?["entries"] as? [[String: Any]] ?? []
                ready = alerts.contains { $0["kind"] as? String == "panic" } && entries.contains { $0["unit"] as? String == alpha }
                if !ready { try await Task.sleep(for: .milliseconds(40)) }
            }
            try #require(ready, "Alpha's arrival and panic were not recorded")
            let everything = try await f.client.send("GET", "/api/v1/tasks/\(shared)/timeline", token: f.dispatcher).json
            let tracks = ((everything?["track"] as? [String: Any])?["features"] as? [[String: Any]]) ?? []
            #expect(tracks.contains { ($0["properties"] as? [String: Any])?["unit"] as? String == alpha }, "a dispatcher sees Alpha's track")

            let cases: [Case] = [
                Case(route: "GET /api/v1/units", method: "GET", path: "/api/v1/units", check: Self.listWithout("id", alpha)),
                Case(route: "GET /api/v1/units/{id}", method: "GET", path: "/api/v1/units/\(alpha)", check: Self.refused),
                Case(route: "GET /api/v1/units/{id}/track", method: "GET", path: "/api/v1/units/\(alpha)/track", check: Self.refused),
                Case(route: "GET /api/v1/tasks", method: "GET", path: "/api/v1/tasks", check: { reply in
                    if let leak = Self.listWithout("id", "\(own)")(reply) { return leak }
                    let monitored = Self.items(reply).flatMap { ((($0["monitoring"] as? [String: Any])?["units"]) as? [[String: Any]]) ?? [] }
                    return monitored.contains { $0["unit"] as? String == alpha } ? "monitoring of Alpha listed: \(monitored)" : nil
                }),
                Case(route: "GET /api/v1/tasks", method: "GET", path: "/api/v1/tasks?unit=\(alpha)", check: { reply in
                    reply.status == 200 && Self.items(reply).isEmpty ? nil : "unit=Alpha answered \(reply.status): \(reply.text.prefix(300))"
                }),
                Case(route: "GET /api/v1/tasks/{id}", method: "GET", path: "/api/v1/tasks/\(own)", check: Self.refused),
                Case(route: "GET /api/v1/tasks/{id}", method: "GET", path: "/api/v1/tasks/\(shared)", check: { reply in
                    let monitored = ((reply.json?["monitoring"] as? [String: Any])?["units"] as? [[String: Any]]) ?? []
                    guard reply.status == 200 else { return "shared task answered \(reply.status)" }
                    return monitored.contains { $0["unit"] as? String == alpha } ? "Alpha's monitoring shown: \(monitored)" : nil
                }),
                Case(route: "GET /api/v1/tasks/{id}/timeline", method: "GET", path: "/api/v1/tasks/\(own)/timeline", check: Self.refused),
                Case(route: "GET /api/v1/tasks/{id}/timeline", method: "GET", path: "/api/v1/tasks/\(shared)/timeline", check: { reply in
                    guard reply.status == 200 else { return "shared timeline answered \(reply.status)" }
                    let features = ((reply.json?["track"] as? [String: Any])?["features"] as? [[String: Any]]) ?? []
                    let entries = reply.json?["entries"] as? [[String: Any]] ?? []
                    if features.contains(where: { ($0["properties"] as? [String: Any])?["unit"] as? String == alpha }) { return "Alpha's track shown" }
                    return entries.contains { $0["unit"] as? String == alpha } ? "Alpha's entries shown: \(entries)" : nil
                }),
                Case(route: "POST /api/v1/tasks/{id}/actions", method: "POST", path: "/api/v1/tasks/\(own)/actions",
                     body: ["action": "acknowledge"], check: Self.refused),
                Case(route: "GET /api/v1/alerts", method: "GET", path: "/api/v1/alerts", check: Self.listWithout("unit", alpha)),
                Case(route: "GET /api/v1/alerts", method: "GET", path: "/api/v1/alerts?unit=\(alpha)", check: Self.listWithout("unit", alpha)),
                Case(route: "GET /api/v1/violation-types", method: "GET", path: "/api/v1/violation-types", check: { reply in
                    reply.status == 200 ? nil : "answered \(reply.status)"
                }),
                Case(route: "GET /api/v1/violations", method: "GET", path: "/api/v1/violations", check: Self.listWithout("unit", alpha)),
                Case(route: "GET /api/v1/violations", method: "GET", path: "/api/v1/violations?unit=\(alpha)", check: Self.listWithout("unit", alpha)),
                Case(route: "GET /api/v1/violations/{id}", method: "GET", path: "/api/v1/violations/\(violation)", check: Self.refused),
                Case(route: "POST /api/v1/violations", method: "POST", path: "/api/v1/violations",
                     body: ViolationSamples.body().merging(["unit": alpha]) { $1 }, check: { reply in
                    reply.status >= 400 && reply.status < 500 || reply.json?["unit"] as? String == String(f.otherUnit)
                        ? nil : "recorded for \(reply.json?["unit"] ?? "?"): \(reply.status)"
                }),
            ]
            for row in cases {
                let reply = try await f.client.send(row.method, row.path, token: f.otherPatrol, json: row.body)
                #expect(row.check(reply) == nil, "\(row.method) \(row.path): \(row.check(reply) ?? "")")
            }

            // The live feed: Bravo's snapshot names no unit but Bravo; when Alpha acknowledges the
            // shared task, Bravo's frame of it carries no GPS monitoring of Alpha (a dispatcher's does).
            let port = server.httpPort, token = f.otherPatrol
            let api = f.client, patrol = f.patrol
            try await LiveFeedClient.with(port: port, token: token) { feed in
                let snapshot = try await feed.next(type: "snapshot")
                let units = (snapshot["units"] as? [[String: Any]] ?? []).map { "\($0["id"] ?? "")" }
                #expect(!units.contains(alpha), "Bravo's live snapshot lists Alpha: \(units)")
                let acknowledged = try await api.send("POST", "/api/v1/tasks/\(shared)/actions", token: patrol, json: ["action": "acknowledge"])
                #expect(acknowledged.status == 200, "acknowledge: \(acknowledged.text)")
                var frame: [String: Any] = [:]
                while (frame["task"] as? [String: Any])?["id"] as? Int != shared {
                    frame = try await feed.next(type: "task", within: 10)
                }
                let monitored = (((frame["task"] as? [String: Any])?["monitoring"] as? [String: Any])?["units"] as? [[String: Any]]) ?? []
                #expect(!monitored.contains { $0["unit"] as? String == alpha }, "Bravo's task frame shows Alpha's monitoring: \(monitored)")
            }
            let full = try await f.client.send("GET", "/api/v1/tasks/\(shared)", token: f.dispatcher).json?["monitoring"] as? [String: Any]
            #expect((full?["units"] as? [[String: Any]])?.contains { $0["unit"] as? String == alpha } == true, "a dispatcher sees Alpha's monitoring")
            let walked = Set(cases.map(\.route) + ["GET /api/v1/live"])
            for route in APIRoute.all where route.patrolOwnUnit {
                #expect(walked.contains("\(route.method.rawValue) \(route.path)"), "no row for \(route.method.rawValue) \(route.path)")
            }
        }
    }
}
