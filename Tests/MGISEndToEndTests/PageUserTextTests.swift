import Foundation
import MGISTestSupport
import Testing

extension EndToEnd {

/// Stored XSS: a script-running payload stored through the API in every free-text field a page
/// shows (task title, instructions and checklist, unit name, call sign and home station, tracker
/// name, token label, violation goods, road and notes, and a recording name the server refused,
/// which the audit trail shows) never runs on any page, opened as the role that reads it, and
/// shows there as text. (User names take only letters, digits, '.', '_' and '-'.) Task-area tooltips on the dispatcher's map (Leaflet inserts a
/// string as HTML) are opened by hovering each area with the mouse; the analysis map's point
/// tooltips are rendered through Leaflet's own code. The same walk checks that every page works
/// under the server's Content-Security-Policy: no `securitypolicyviolation` event fires on any.
@Suite(.serialized) struct PageUserTextTests {
    /// Runs script when parsed as HTML: an image that cannot load sets `window.__xss`.
    static let payload = "<img src=x onerror=__xss=1>"

    /// A JavaScript check that no payload ran and no payload became an element.
    static let clean = "window.__xss === undefined && !document.querySelector('img[src=\"x\"]')"

    /// Whether `selector`'s elements' text (any of them) contains the payload as text.
    static func shows(_ selector: String) -> String {
        "[...document.querySelectorAll(\(TaskPagesTests.js(selector)))].some(e => e.textContent.includes(\(TaskPagesTests.js(payload))))"
    }

    @Test func testPayloadInEveryFreeTextFieldShowsAsTextOnEveryPage() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: HeadlessBrowser.chromium), "install chromium (apt-get install chromium)")
        let directory = NSTemporaryDirectory() + "mgis-xss-" + UUID().uuidString
        let daemon = try Daemon(command: "demo", dataDirectory: directory, extra: ["--units", "3"], captureOutput: true)
        defer { daemon.terminate() }
        _ = try #require(try await onOwnThread { daemon.waitForLine(containing: "/display/?token=") }, "the demo did not start")
        var issuedTokens: [String: String] = [:]
        for user in ["admin", "dispatcher", "patrol-01", "analyst", "auditor", "wall"] {
            issuedTokens[user] = try TaskPagesTests.token(user, directory: directory)
        }
        let tokens = issuedTokens
        let http = HTTPTestClient(port: daemon.httpPort)
        let admin = tokens["admin"]!
        let me = try await http.send("GET", "/api/v1/me", token: tokens["patrol-01"])
        let unit = try #require(me.json?["unit"] as? String, "patrol-01 has no unit: \(me.text)")
        let p = Self.payload

        // The payload in every free-text field, stored through the API.
        let renamed = try await http.send("PATCH", "/api/v1/units/\(unit)", token: admin, json: ["name": p, "callSign": p, "homeStation": p])
        #expect(renamed.status == 200, "unit: \(renamed.text)")
        let devices = try await http.send("GET", "/api/v1/devices", token: admin).json?["items"] as? [[String: Any]] ?? []
        let device = try #require(devices.first?["id"] as? Int, "no demo tracker")
        let tracker = try await http.send("PATCH", "/api/v1/devices/\(device)", token: admin, json: ["name": p])
        #expect(tracker.status == 200, "tracker: \(tracker.text)")
        let userID = try #require(try await http.send("GET", "/api/v1/me", token: tokens["dispatcher"]).json?["id"] as? Int)
        let issued = try await http.send("POST", "/api/v1/tokens", token: admin, json: ["user": userID, "label": p])
        let desk = try #require(issued.json?["token"] as? String, "token: \(issued.text)")
        let clock = ISO8601DateFormatter()
        let draft: [String: Any] = [
            "type": "checkpoint", "title": p, "priority": "high", "instructions": p,
            "area": ["type": "circle", "center": ["lat": 54.687, "lon": 25.28], "radiusMeters": 40_000],
            "window": ["start": clock.string(from: Date().addingTimeInterval(-600)), "end": clock.string(from: Date().addingTimeInterval(7200))],
            "units": [unit], "checklist": [p],
        ]
        let task = try await http.send("POST", "/api/v1/tasks", token: desk, json: draft)
        let taskID = try #require(task.json?["id"] as? Int, "task: \(task.text)")
        let dispatched = try await http.send("POST", "/api/v1/tasks/\(taskID)/actions", token: desk, json: ["action": "dispatch", "units": [unit]])
        #expect(dispatched.status == 200, "dispatch: \(dispatched.text)")
        let violation = try await http.send("POST", "/api/v1/violations", token: tokens["analyst"], json: [
            "observed": clock.string(from: Date().addingTimeInterval(-3600)), "location": ["lat": 54.69, "lon": 25.27],
            "type": "cigarettes", "goodsDescription": p, "roadOrCrossing": p, "notes": p,
        ])
        #expect(violation.status == 201, "violation: \(violation.text)")

        let base = "http://127.0.0.1:\(daemon.httpPort)"
        let seen = try await onOwnThread { () -> [String: String] in
            var seen: [String: String] = [:]
            let page = try HeadlessBrowser(width: 1280, height: 800)
            defer { page.quit() }
            func check(_ name: String, _ script: String) throws {
                seen[name] = "\(try page.evaluate("String(!!(\(script)))") ?? "")"
                // What the policy blocked on this page (inline styles or scripts the pages must not need).
                seen["csp-" + name] = try page.policyViolations()
            }
            try page.watchPolicyViolations()
            try page.open("\(base)/")
            try page.waitFor("document.readyState === 'complete'")
            try check("home", "document.querySelector('header h1')")

            // The wall display, as the display user: the unit's call sign on its marker.
            try page.open("\(base)/display/?token=\(tokens["wall"]!)")
            try page.waitFor(Self.shows(".unit-marker .unit-call"), seconds: 30)
            try check("display", Self.clean)

            // The dispatcher console, with the token labelled with the payload: the task board, the
            // unit list and the tooltip of every task area on the map, each hovered with the mouse.
            try page.open("\(base)/dispatch/?token=\(desk)")
            try page.waitFor(TaskPagesTests.exists(".task-card[data-task-id=\"\(taskID)\"]"), seconds: 30)
            try page.waitFor(Self.shows(".task-card .card-title"))
            let paths = "#map .leaflet-overlay-pane path.leaflet-interactive"
            try page.waitFor("document.querySelectorAll(\(TaskPagesTests.js(paths))).length > 0")
            var tooltips: [String] = []
            // The map may still be fitting its view: hover every area again until the task's tooltip shows.
            for _ in 0..<20 where !tooltips.contains(where: { $0.contains(p) }) {
                usleep(500_000)
                let areas = try page.evaluate("document.querySelectorAll(\(TaskPagesTests.js(paths))).length") as? Int ?? 0
                for index in 0..<areas {
                    let point = try page.evaluate("""
                        (() => { const el = document.querySelectorAll(\(TaskPagesTests.js(paths)))[\(index)];
                          const r = el.getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();
                          const l = Math.max(r.left, m.left), t = Math.max(r.top, m.top), w = Math.min(r.right, m.right) - l, h = Math.min(r.bottom, m.bottom) - t;
                          for (let i = 1; i < 24; i++) for (let j = 1; j < 24; j++) {
                            const x = l + w * i / 24, y = t + h * j / 24;
                            if (document.elementFromPoint(x, y) === el) return [x, y];
                          }
                          return null; })()
                        """) as? [Double]
                    guard let point else { tooltips.append("area \(index) of \(areas): no point over it"); continue }
                    try page.call("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": 1, "y": 1])
                    try page.call("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": point[0], "y": point[1]])
                    usleep(300_000)
                    tooltips.append(try page.evaluate("[...document.querySelectorAll('.leaflet-tooltip')].map(t => t.textContent).join(' | ')") as? String ?? "")
                }
            }
            seen["tooltips"] = tooltips.joined(separator: "\n")
            usleep(500_000)
            try check("dispatch", Self.clean)

            // The patrol's phone: the task in the list and opened, with its instructions.
            try page.open("\(base)/patrol/?token=\(tokens["patrol-01"]!)")
            let item = ".task-item[data-task-id=\"\(taskID)\"]"
            try page.waitFor(TaskPagesTests.exists(item), seconds: 30)
            try check("patrolList", Self.shows(item))
            try page.click(item)
            try page.waitFor("document.body.dataset.view === 'task'")
            try check("patrolInstructions", Self.shows("#tv-instructions"))
            usleep(500_000)
            try check("patrol", Self.clean)

            // The analyst's map: every violation point's tooltip rendered by Leaflet's own code.
            try page.open("\(base)/analysis/?token=\(tokens["analyst"]!)")
            try page.waitFor(AnalystPageTests.ready("points"), seconds: 30)
            let rendered = try page.evaluate("""
                (() => { const box = document.createElement('div'); document.body.append(box);
                  const all = new Set();
                  // The map's layers and their members (the points' cluster group holds every marker).
                  window.mgisAnalysis.map.eachLayer((l) => { all.add(l); l.eachLayer?.((m) => all.add(m)); });
                  let n = 0;
                  for (const m of all) {
                    const t = m.getTooltip?.(); if (!t) continue;
                    t._source = m; t._contentNode = document.createElement('div'); t._updateContent();
                    box.append(t._contentNode); n += 1;
                  }
                  box.id = 'rendered-tooltips'; return n; })()
                """) as? Int ?? 0
            seen["analysisTooltips"] = "\(rendered)"
            try check("analysisText", Self.shows("#rendered-tooltips > div"))
            usleep(500_000)
            try check("analysis", Self.clean)

            // The admin page: units, trackers, users and tokens.
            try page.open("\(base)/admin/?token=\(admin)")
            try page.waitFor("document.body.dataset.ready === '1' && document.querySelector('#users-table tr.user-row')", seconds: 30)
            try page.waitFor(Self.shows("#units-table tr.unit-row") + " && " + Self.shows("#devices-table tr.device-row") + " && " + Self.shows("#users-table tr.user-row"))
            try page.click("#tab-users")
            try page.waitFor("!document.getElementById('panel-users').hidden")
            try page.click("#users-table tr.user-row[data-user-id=\"\(userID)\"] button.tokens-button")
            try? page.waitFor(Self.shows("#tokens-table tr.token-row"))
            seen["tokensTable"] = try page.evaluate("document.getElementById('tokens-table').textContent + ' / ' + document.getElementById('message').textContent + ' / ' + document.getElementById('token-user').value") as? String
            usleep(500_000)
            try check("admin", Self.clean)

            // A recording refused for its name names the payload in its audit entry's objects.
            seen["recording"] = "\(try page.evaluate("fetch('/api/v1/recording', {method: 'PUT', headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + \(TaskPagesTests.js(admin))}, body: JSON.stringify({file: \(TaskPagesTests.js(p))})}).then(r => r.status)") ?? "")"
            // The auditor's trail: the refused recording's entry shows the name it was refused for.
            try page.open("\(base)/audit/?token=\(tokens["auditor"]!)")
            try page.waitFor("document.body.dataset.ready === '1' && document.querySelector('tr.audit-row')", seconds: 30)
            try? page.waitFor(Self.shows("tr.audit-row"), seconds: 10)
            try check("auditText", Self.shows("tr.audit-row"))
            try check("audit", Self.clean)

            return seen
        }

        for name in ["display", "dispatch", "patrol", "analysis", "audit", "admin"] {
            #expect(seen[name] == "true", "the payload ran or became an element on \(name): \(seen[name] ?? "not reached")")
        }
        for name in ["home", "display", "dispatch", "patrolList", "patrol", "analysis", "audit", "admin"] {
            #expect(seen["csp-" + name] == "", "Content-Security-Policy violations on \(name): \(seen["csp-" + name] ?? "not reached")")
        }
        let tooltips = seen["tooltips"] ?? ""
        #expect(tooltips.contains(p + " — Dispatched"), "the task area's tooltip shows the title as text: \(tooltips)")
        #expect(seen["patrolList"] == "true" && seen["patrolInstructions"] == "true")
        #expect(Int(seen["analysisTooltips"] ?? "") ?? 0 > 900, "point tooltips rendered: \(seen["analysisTooltips"] ?? "")")
        #expect(seen["analysisText"] == "true", "the road shows as text in its point's tooltip")
        #expect(seen["tokensTable"]?.contains(p) == true, "the token's label on the admin page: \(seen["tokensTable"] ?? "")")
        #expect(seen["recording"] == "422", "the refused recording: \(seen["recording"] ?? "")")
        #expect(seen["auditText"] == "true", "the audit trail shows the refused file name as text")
    }
}
}
