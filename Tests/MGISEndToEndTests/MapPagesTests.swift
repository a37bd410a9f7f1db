import Foundation
import MGISTestSupport
import Testing

extension EndToEnd {

/// The maps as users read them, in real headless Chromium against `mgisd demo` with its 50 cars
/// (issue 20): a scale bar on every map; GeoNames place names by zoom (towns at country zoom,
/// villages only zoomed in); on the wall display no two visible labels overlap where cars bunch
/// up and every car's symbol shows; the dispatcher's first view holds every unit and a task
/// area's tooltip does not cover the unit under the pointer; the analyst sees the hot spots at the
/// default view, a click on a cell zooms to it, the legend is beside the map, not on it; the
/// patrol's list numbers its tasks and its sign-in screen says nothing of being offline; every
/// page links a favicon. Screenshots of every page in the demo state: `ci-artifacts/demo-*.png`.
@Suite(.serialized) struct MapPagesTests {
    /// Pairs of visible unit labels whose boxes overlap, "A/B" each; "" when none.
    static let overlappingLabels = """
        (() => { const boxes = [...document.querySelectorAll('.unit-marker')].map(m => [m.dataset.unit, m.querySelector('.unit-label')])
            .filter(([, l]) => l && getComputedStyle(l).visibility !== 'hidden').map(([u, l]) => [u, l.getBoundingClientRect()]);
          const bad = [];
          for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const [a, r] = boxes[i], [b, s] = boxes[j];
            if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom) bad.push(`${a}/${b}`);
          }
          return bad.join(' '); })()
        """

    /// Units whose symbol is not wholly inside the map's box, or not visible; "" when none.
    static let unitsOutsideMap = """
        (() => { const map = document.getElementById('map').getBoundingClientRect();
          return [...document.querySelectorAll('.unit-marker')].filter(m => {
            const g = m.querySelector('.unit-glyph').getBoundingClientRect();
            return g.left < map.left || g.right > map.right || g.top < map.top || g.bottom > map.bottom
              || getComputedStyle(m.querySelector('.unit-glyph')).visibility === 'hidden';
          }).map(m => m.dataset.unit).join(' '); })()
        """

    static let scaleBar = "document.querySelector('.leaflet-control-scale-line')?.textContent ?? ''"

    /// "name:population" of the place labels drawn, and whether two of them overlap.
    static let places = """
        (() => { const labels = [...document.querySelectorAll('.place-label')];
          const boxes = labels.map(l => l.getBoundingClientRect());
          let overlap = false;
          for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const r = boxes[i], s = boxes[j];
            if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom) overlap = true;
          }
          return { names: labels.map(l => l.textContent), smallest: Math.min(...labels.map(l => Number(l.dataset.population))), overlap }; })()
        """

    static func artifacts() throws -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../ci-artifacts").standardized.path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func testMapsInTheDenseDemo() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: HeadlessBrowser.chromium), "install chromium (apt-get install chromium)")
        let directory = NSTemporaryDirectory() + "mgis-maps-" + UUID().uuidString
        let daemon = try Daemon(command: "demo", dataDirectory: directory, captureOutput: true)
        defer { daemon.terminate() }
        let line = try #require(try await onOwnThread { daemon.waitForLine(containing: "/display/?token=") }, "the demo did not start")
        let display = try #require(line.split(separator: "token=").last.map(String.init))
        let tokens = try Dictionary(uniqueKeysWithValues: ["dispatcher", "patrol-01", "analyst", "admin", "auditor"].map {
            ($0, try TaskPagesTests.token($0, directory: directory))
        })
        let http = HTTPTestClient(port: daemon.httpPort)
        let unit = try #require(try await http.send("GET", "/api/v1/me", token: tokens["patrol-01"]!).json?["unit"] as? String)

        // A dispatched task around DEMO-01, wherever the fleet put it.
        var last: [Double] = []
        for _ in 0..<100 where last.count < 2 {
            let track = try await http.send("GET", "/api/v1/units/\(unit)/track?from=\(Int(Date().timeIntervalSince1970) - 60)", token: tokens["dispatcher"]!)
            let features = track.json?["features"] as? [[String: Any]] ?? []
            last = ((features.first?["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])?.last ?? []
            if last.count < 2 { try await Task.sleep(for: .milliseconds(200)) }
        }
        try #require(last.count >= 2, "DEMO-01 reported no position")
        let (lat, lon) = (last[1], last[0])
        let clock = ISO8601DateFormatter()
        let created = try await http.send("POST", "/api/v1/tasks", token: tokens["dispatcher"]!, json: [
            "type": "checkpoint", "title": "Checkpoint around DEMO-01", "priority": "normal",
            "area": ["type": "circle", "center": ["lat": lat, "lon": lon], "radiusMeters": 15_000],
            "window": ["start": clock.string(from: Date().addingTimeInterval(-600)), "end": clock.string(from: Date().addingTimeInterval(7200))],
            "units": [unit],
        ])
        let taskID = try #require(created.json?["id"] as? Int, "create: \(created.text)")
        let sent = try await http.send("POST", "/api/v1/tasks/\(taskID)/actions", token: tokens["dispatcher"]!, json: ["action": "dispatch", "units": [unit]])
        #expect(sent.status == 200, "dispatch: \(sent.text)")

        let base = "http://127.0.0.1:\(daemon.httpPort)"
        let artifacts = try Self.artifacts()
        let seen = try await onOwnThread { () -> [String: String] in
            var seen: [String: String] = [:]
            // ---- wall display -------------------------------------------------------------
            let wall = try HeadlessBrowser(width: 1280, height: 800)
            defer { wall.quit() }
            try wall.open("\(base)/display/?token=\(display)")
            try wall.waitFor("document.querySelectorAll('.unit-marker').length === 50 && window.mgisDisplay.map")
            try wall.waitFor("document.querySelectorAll('.place-label').length > 0")
            var overlaps: [String] = []
            for _ in 0..<3 {  // the cars move every second: three looks
                overlaps.append(try wall.evaluate(Self.overlappingLabels) as? String ?? "?")
                usleep(700_000)
            }
            seen["wallOverlaps"] = overlaps.filter { !$0.isEmpty }.joined(separator: " | ")
            seen["wallOutside"] = try wall.evaluate(Self.unitsOutsideMap) as? String
            seen["wallScale"] = try wall.evaluate(Self.scaleBar) as? String
            seen["wallAttribution"] = try wall.evaluate("document.querySelector('.leaflet-control-attribution').textContent") as? String
            try wall.screenshot(to: artifacts + "/demo-display.png")
            // Town zoom over Vilnius: villages; the whole country: towns only.
            try wall.evaluate("void window.mgisDisplay.map.setView([54.6892, 25.2798], 12, { animate: false })")
            try wall.waitFor("[...document.querySelectorAll('.place-label')].some(l => l.textContent === 'Vilnius')")
            let town = try wall.evaluate(Self.places) as? [String: Any] ?? [:]
            seen["townSmallest"] = "\(town["smallest"] ?? "")"
            seen["townOverlap"] = "\(town["overlap"] ?? "")"
            try wall.screenshot(to: artifacts + "/demo-display-town.png")
            try wall.evaluate("void window.mgisDisplay.map.setView([55.2, 23.9], 7, { animate: false })")
            try wall.waitFor("[...document.querySelectorAll('.place-label')].some(l => l.textContent === 'Kaunas')")
            let country = try wall.evaluate(Self.places) as? [String: Any] ?? [:]
            seen["countrySmallest"] = "\(country["smallest"] ?? "")"
            seen["countryNames"] = (country["names"] as? [String])?.joined(separator: ",")
            seen["countryOverlap"] = "\(country["overlap"] ?? "")"

            // ---- dispatcher -----------------------------------------------------------------
            let desk = try HeadlessBrowser(width: 1280, height: 800)
            defer { desk.quit() }
            try desk.watchPolicyViolations()
            try desk.open("\(base)/dispatch/?token=\(tokens["dispatcher"]!)")
            try desk.waitFor("document.body.dataset.ready === '1' && document.querySelectorAll('.unit-marker').length === 50")
            try desk.waitFor(TaskPagesTests.exists(".task-card[data-task-id=\"\(taskID)\"]"))
            try? desk.waitFor("\(Self.unitsOutsideMap) === ''", seconds: 5)
            seen["deskOutside"] = try desk.evaluate(Self.unitsOutsideMap) as? String
            seen["deskOverlaps"] = try desk.evaluate(Self.overlappingLabels) as? String
            seen["deskScale"] = try desk.evaluate(Self.scaleBar) as? String
            try desk.screenshot(to: artifacts + "/demo-dispatch.png")
            // The pointer over the task's area beside DEMO-01, on the side that faces the map's middle
            // (where Leaflet's own placement put the tooltip: over the car).
            let glyph = ".unit-marker[data-unit=\"\(unit)\"] .unit-glyph"
            let spots = try desk.evaluate("""
                (() => { const g = document.querySelector(\(TaskPagesTests.js(glyph))).getBoundingClientRect();
                  const m = document.getElementById('map').getBoundingClientRect(); const x = (g.left + g.right) / 2, y = (g.top + g.bottom) / 2;
                  const toward = x < (m.left + m.right) / 2 ? -1 : 1;
                  return [[x + toward * 16, y], [x + toward * 16, y + 6], [x + toward * 22, y - 6], [x, y + 20], [x, y - 20]]; })()
                """) as? [[Double]] ?? []
            var tooltip = false
            for spot in spots where !tooltip {
                try desk.call("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": spot[0], "y": spot[1]])
                try desk.call("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": spot[0] + 1, "y": spot[1]])
                tooltip = (try? desk.waitFor(TaskPagesTests.exists(".leaflet-tooltip"), seconds: 2)) != nil
            }
            seen["tooltip"] = tooltip ? "shown" : "never shown"
            seen["tooltipCovers"] = "\(try desk.evaluate("""
                (() => { const t = document.querySelector('.leaflet-tooltip').getBoundingClientRect();
                  const g = document.querySelector(\(TaskPagesTests.js(glyph))).getBoundingClientRect();
                  return t.left < g.right && g.left < t.right && t.top < g.bottom && g.top < t.bottom; })()
                """) ?? "")"
            try desk.screenshot(to: artifacts + "/demo-dispatch-tooltip.png")
            seen["deskPolicy"] = try desk.policyViolations()

            // ---- analyst ------------------------------------------------------------------------
            let analyst = try HeadlessBrowser(width: 1280, height: 800)
            defer { analyst.quit() }
            try analyst.open("\(base)/analysis/?token=\(tokens["analyst"]!)")
            try analyst.waitFor("document.body.dataset.ready === '1' && \(AnalystPageTests.ready("points")) && \(AnalystPageTests.ready("hotspots"))")
            try analyst.waitFor("document.querySelectorAll('#map .point-cluster').length > 0")
            seen["analysisScale"] = try analyst.evaluate(Self.scaleBar) as? String
            try analyst.screenshot(to: artifacts + "/demo-analysis.png")
            // Every hot cell is big enough to see, or inside a ring drawn over it.
            seen["unseenHotCells"] = "\(try analyst.evaluate("""
                (() => { const rings = [...document.querySelectorAll('#map .hotspot-ring[data-visible="1"]')].map(r => r.getBoundingClientRect());
                  return [...document.querySelectorAll('#map path.layer-hotspots.hot')].filter(c => {
                    const r = c.getBoundingClientRect(); if (r.width >= 8) return false;
                    const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
                    return !rings.some(g => g.left <= x && x <= g.right && g.top <= y && y <= g.bottom); }).length; })()
                """) ?? "")"
            seen["hotCells"] = "\(try analyst.evaluate("document.querySelectorAll('#map path.layer-hotspots.hot').length") ?? "")"
            seen["legendOnMap"] = "\(try analyst.evaluate("""
                (() => { const l = document.getElementById('map-legend'), m = document.getElementById('map');
                  if (!l) return 'no legend'; const a = l.getBoundingClientRect(), b = m.getBoundingClientRect();
                  return m.contains(l) || (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom); })()
                """) ?? "")"
            // Click the hottest cell, the violation bubbles off so that the click is the cell's.
            try analyst.click("#layer-points")
            try analyst.waitFor("document.querySelectorAll('#map .point-cluster').length === 0")
            let before = try analyst.evaluate("window.mgisAnalysis.map.getZoom()") as? Double ?? -1
            let hot = try analyst.evaluate("""
                (() => { const c = [...document.querySelectorAll('#map path.layer-hotspots.hot')].sort((a, b) => b.dataset.count - a.dataset.count)[0];
                  const r = c.getBoundingClientRect(); return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; })()
                """) as? [Double] ?? []
            try analyst.mouse(x: hot[0], y: hot[1])
            try? analyst.waitFor("window.mgisAnalysis.map.getZoom() > \(before)", seconds: 5)
            seen["zoomBefore"] = "\(before)"
            seen["zoomAfter"] = "\(try analyst.evaluate("window.mgisAnalysis.map.getZoom()") ?? "")"
            try analyst.waitFor("document.getElementById('cell-violations').dataset.state === 'ready'")
            try analyst.screenshot(to: artifacts + "/demo-analysis-cell.png")

            // ---- patrol -------------------------------------------------------------------------
            let phone = try HeadlessBrowser(width: 360, height: 740, mobile: true)
            defer { phone.quit() }
            try phone.open("\(base)/patrol/")
            try phone.waitFor("!document.getElementById('login-view').hidden")
            seen["signInStatus"] = try phone.evaluate("(() => { const c = document.getElementById('conn-state'); return getComputedStyle(c).display === 'none' ? '' : c.textContent.trim(); })()") as? String
            try phone.screenshot(to: artifacts + "/demo-patrol-sign-in.png")
            try phone.open("\(base)/patrol/?token=\(tokens["patrol-01"]!)")
            let item = ".task-item[data-task-id=\"\(taskID)\"]"
            try phone.waitFor(TaskPagesTests.exists(item))
            seen["itemTitle"] = try phone.evaluate("document.querySelector(\(TaskPagesTests.js(item + " .item-title"))).textContent") as? String
            try phone.screenshot(to: artifacts + "/demo-patrol.png")
            try phone.click(item)
            try phone.waitFor("document.body.dataset.view === 'task' && document.querySelector('#task-map .leaflet-control-scale-line')")
            seen["patrolScale"] = try phone.evaluate(Self.scaleBar) as? String
            try phone.screenshot(to: artifacts + "/demo-patrol-task.png")

            // ---- every page: a favicon; admin, audit and home in the demo state ----------------------
            var icons: [String] = []
            let pages = [("/", "", "home"), ("/admin/", tokens["admin"]!, "admin"), ("/audit/", tokens["auditor"]!, "audit"),
                         ("/analysis/", "", nil), ("/dispatch/", "", nil), ("/display/", "", nil), ("/patrol/", "", nil)]
            for (path, token, shot) in pages {
                try wall.open("\(base)\(path)\(token.isEmpty ? "" : "?token=\(token)")")
                try wall.waitFor("document.readyState === 'complete'")
                let ok = try wall.evaluate("""
                    (async () => { const l = document.querySelector('link[rel~="icon"]'); if (!l) return false;
                      return (await fetch(l.href)).ok; })()
                    """) as? Bool ?? false
                if !ok { icons.append(path) }
                if let shot {
                    try? wall.waitFor("document.body.dataset.ready === '1'", seconds: 10)
                    try wall.screenshot(to: artifacts + "/demo-\(shot).png")
                }
            }
            seen["noIcon"] = icons.joined(separator: " ")
            return seen
        }

        // JavaScript's booleans arrive as numbers: "0" is false.
        #expect(seen["wallOverlaps"] == "", "overlapping labels on the wall display: \(seen["wallOverlaps"] ?? "")")
        #expect(seen["wallOutside"] == "", "units not shown on the wall display: \(seen["wallOutside"] ?? "")")
        for key in ["wallScale", "deskScale", "analysisScale", "patrolScale"] {
            #expect(seen[key]?.contains(/^\d+ k?m$/) == true, "\(key): no scale bar (\(seen[key] ?? "nil"))")
        }
        #expect(seen["wallAttribution"]?.contains("GeoNames") == true, "attribution: \(seen["wallAttribution"] ?? "")")
        #expect((Int(seen["townSmallest"] ?? "") ?? .max) < 5_000, "no village at town zoom: smallest \(seen["townSmallest"] ?? "")")
        #expect((Int(seen["countrySmallest"] ?? "") ?? 0) >= 15_000, "villages at country zoom: smallest \(seen["countrySmallest"] ?? "")")
        #expect(seen["countryNames"]?.contains("Vilnius") == true, "country zoom: \(seen["countryNames"] ?? "")")
        #expect(seen["townOverlap"] == "0" && seen["countryOverlap"] == "0", "place names overlap")
        #expect(seen["deskOutside"] == "", "units outside the dispatcher's first view: \(seen["deskOutside"] ?? "")")
        #expect(seen["deskOverlaps"] == "", "overlapping labels on the dispatch map: \(seen["deskOverlaps"] ?? "")")
        #expect(seen["tooltip"] == "shown")
        #expect(seen["tooltipCovers"] == "0", "the task area's tooltip covers DEMO-01")
        #expect(seen["deskPolicy"] == "", "Content-Security-Policy: \(seen["deskPolicy"] ?? "")")
        #expect((Int(seen["hotCells"] ?? "") ?? 0) > 0, "no hot cells in the demo")
        #expect(seen["unseenHotCells"] == "0", "hot cells too small to see at the default view: \(seen["unseenHotCells"] ?? "")")
        #expect(seen["legendOnMap"] == "0", "the legend covers the map: \(seen["legendOnMap"] ?? "")")
        #expect((Double(seen["zoomAfter"] ?? "") ?? 0) > (Double(seen["zoomBefore"] ?? "") ?? 0), "a click on a hot cell did not zoom: \(seen["zoomBefore"] ?? "") -> \(seen["zoomAfter"] ?? "")")
        #expect(seen["signInStatus"]?.contains("Offline") == false, "sign-in screen: \(seen["signInStatus"] ?? "")")
        #expect(seen["itemTitle"]?.hasPrefix("#\(taskID) ") == true, "patrol task list: \(seen["itemTitle"] ?? "")")
        #expect(seen["noIcon"] == "", "pages without a favicon: \(seen["noIcon"] ?? "")")
    }
}
}
