import Foundation
import MGISCore
import MGISTestSupport
import Testing

extension EndToEnd {

/// The analyst page in real headless Chromium against `mgisd serve`: an analyst signs in through
/// the form; violations with a planted
/// structure (two tight hotspots with their own hours, a uniform background) are imported through
/// the API; the page shows the hour x weekday matrix and the trend summing to what was imported,
/// every map layer draws (paths/markers carrying the layer's class), a click on the hottest
/// Gi* cell lists that cell's violations and "Plan a task here" creates a draft task.
/// Screenshots are kept in `ci-artifacts/` (analysis-*.png).
@Suite(.serialized) struct AnalystPageTests {

    /// GeoJSON features: 60 cigarettes at the Medininkai crossing on Friday evenings, 40 fuel at the
    /// Vaidotai terminal on weekday mornings, 100 of other types anywhere in the region at any time.
    static func plantedViolations(now: Date) -> [[String: Any]] {
        var random = SplitMix64(seed: 2026)
        let clock = ISO8601DateFormatter()
        let day = 86_400.0
        // Midnight UTC of the last Friday at least a day ago (1970-01-01 was a Thursday).
        let today = (now.timeIntervalSince1970 / day).rounded(.down)
        let lastFriday = today - 1 - ((today - 1 - 1).truncatingRemainder(dividingBy: 7) + 7).truncatingRemainder(dividingBy: 7)
        var features: [[String: Any]] = []
        func add(_ lat: Double, _ lon: Double, _ seconds: Double, _ type: String, _ value: Double) {
            features.append([
                "type": "Feature",
                "geometry": ["type": "Point", "coordinates": [lon, lat]],
                "properties": [
                    "time": clock.string(from: Date(timeIntervalSince1970: seconds)), "type": type,
                    "goods": "test seizure \(features.count + 1)", "value_eur": value.rounded(),
                ],
            ])
        }
        for _ in 0..<60 {
            let friday = lastFriday - 7 * Double(Int(random.uniform(0...8)))
            add(54.540 + random.uniform(-0.0015...0.0015), 25.645 + random.uniform(-0.0025...0.0025),
                friday * day + random.uniform(17...19.9) * 3600, "cigarettes", random.uniform(500...3000))
        }
        for _ in 0..<40 {
            var date = today - Double(Int(random.uniform(1...56)))
            while (Int(date) + 3) % 7 >= 5 { date -= 1 }  // Monday ... Friday
            add(54.633 + random.uniform(-0.0015...0.0015), 25.205 + random.uniform(-0.0025...0.0025),
                date * day + random.uniform(4...6.9) * 3600, "fuel", random.uniform(200...900))
        }
        let others = ["alcohol", "drugs", "cash", "other"]
        for index in 0..<100 {
            add(random.uniform(54.45...54.95), random.uniform(24.9...25.8), (today - random.uniform(1...84)) * day,
                others[index % others.count], random.uniform(50...2000))
        }
        return features
    }

    /// True once the layer's checkbox label says its data is drawn.
    static func ready(_ key: String) -> String { "document.querySelector('label[data-layer=\"\(key)\"]')?.dataset.state === 'ready'" }

    @Test func testAnalystSeesLayersMatrixTrendAndPlansFromAHotCell() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: HeadlessBrowser.chromium), "install chromium (apt-get install chromium)")
        let directory = NSTemporaryDirectory() + "mgis-analysis-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let added = try ControlToolTests.mgisctl(["user", "add", "--data", directory, "analyst-e2e", "--role", "analyst"])
        try #require(added.status == 0, "mgisctl user add: \(added.stderr)")
        let password = try #require(added.stdout.split(separator: "\n").last.map(String.init), "no password printed")
        let token = try TaskPagesTests.token("analyst-e2e", directory: directory)

        let daemon = try Daemon(command: "serve", dataDirectory: directory, extra: ["--time-zone", "Europe/Vilnius"])
        defer { daemon.terminate() }
        let http = HTTPTestClient(port: daemon.httpPort)
        var up = false
        for _ in 0..<100 where !up {
            up = (try? await http.send("GET", "/healthz"))?.status == 200
            if !up { try await Task.sleep(for: .milliseconds(200)) }
        }
        try #require(up, "mgisd serve did not answer /healthz")

        let features = Self.plantedViolations(now: Date())
        let collection = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features])
        let imported = try await http.send(
            "POST", "/api/v1/violations/import", token: token, raw: collection, headers: ["Content-Type": "application/geo+json"])
        #expect(imported.status == 201, "import: \(imported.text)")
        let count = try #require(imported.json?["imported"] as? Int, "import: \(imported.text)")
        #expect(count == features.count)

        let base = "http://127.0.0.1:\(daemon.httpPort)"
        let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../ci-artifacts").standardized.path
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let layers = ["points", "grid", "density", "hotspots", "clusters", "effort"]

        let seen = try await onOwnThread { () -> [String: String] in
            var seen: [String: String] = [:]
            let page = try HeadlessBrowser(width: 1280, height: 800)
            defer { page.quit() }
            try page.watchPolicyViolations()
            // Sign in through the form, as an analyst would.
            try page.open("\(base)/analysis/")
            try page.waitFor(TaskPagesTests.exists("#login-form") + " && !document.getElementById('login-view').hidden")
            try page.type("#username", "analyst-e2e")
            try page.type("#password", password)
            try page.click("#login-submit")
            try page.waitFor("!document.getElementById('app-view').hidden", seconds: 30)
            try page.waitFor("document.body.dataset.ready === '1'", seconds: 30)
            try page.waitFor("\(Self.ready("points")) && \(Self.ready("hotspots"))", seconds: 30)
            try page.waitFor("document.querySelectorAll('#heat-matrix rect.cell').length === 168 && document.querySelector('#trend-chart rect.bar')")
            seen["matrixCells"] = "\(try page.evaluate("document.querySelectorAll('#heat-matrix rect.cell').length") ?? "")"
            seen["matrixSum"] = "\(try page.evaluate("[...document.querySelectorAll('#heat-matrix rect.cell')].reduce((a, e) => a + Number(e.dataset.count), 0)") ?? "")"
            seen["trendSum"] = "\(try page.evaluate("[...document.querySelectorAll('#trend-chart rect.bar')].reduce((a, e) => a + Number(e.dataset.count), 0)") ?? "")"
            seen["trendLines"] = "\(try page.evaluate("document.querySelectorAll('#trend-chart polyline.type-line').length") ?? "")"
            // Planted: Friday evenings in Vilnius (UTC+2/+3) are 19:00 ... 22:59 local.
            seen["fridayEvening"] = "\(try page.evaluate("[...document.querySelectorAll('#heat-matrix rect.cell[data-weekday=\"5\"]')].filter(e => e.dataset.hour >= 19 && e.dataset.hour <= 22).reduce((a, e) => a + Number(e.dataset.count), 0)") ?? "")"
            try page.screenshot(to: artifacts + "/analysis-overview.png")

            // Every layer, switched on with its checkbox, draws elements carrying its class.
            for key in layers where key != "points" && key != "hotspots" {
                try page.click("#layer-\(key)")
                try page.waitFor(Self.ready(key), seconds: 30)
            }
            for key in layers {
                seen["layer-\(key)"] = "\(try page.evaluate("document.querySelectorAll('#map .layer-\(key)').length") ?? "")"
            }
            seen["clusters"] = "\(try page.evaluate("document.querySelectorAll('#map .layer-clusters.cluster-point:not(.noise)').length") ?? "")"
            seen["hotCells"] = "\(try page.evaluate("document.querySelectorAll('#map path.layer-hotspots.hot').length") ?? "")"
            seen["legend"] = try page.evaluate("document.querySelector('.map-legend')?.textContent ?? ''") as? String
            // Every layer and its legend drawn under the server's Content-Security-Policy.
            seen["policy"] = try page.policyViolations()
            try page.screenshot(to: artifacts + "/analysis-layers.png")

            // Only the hot spots left; zoom to the hottest cell and click it like a user.
            for key in layers where key != "hotspots" { try page.click("#layer-\(key)") }
            try page.waitFor("document.querySelectorAll('#map .layer-grid, #map .layer-points').length === 0")
            let cellCount = try page.evaluate("""
                (() => { const m = window.mgisAnalysis.map;
                  const hot = [...document.querySelectorAll('#map path.layer-hotspots.hot')].sort((a, b) => b.dataset.count - a.dataset.count)[0];
                  const r = hot.getBoundingClientRect(), c = m.getContainer().getBoundingClientRect();
                  m.setView(m.containerPointToLatLng([r.left + r.width / 2 - c.left, r.top + r.height / 2 - c.top]), 15, { animate: false });
                  window.__hotCell = hot; return Number(hot.dataset.count); })()
                """) as? Int ?? -1
            seen["cellCount"] = "\(cellCount)"
            try page.waitFor("window.__hotCell.getBoundingClientRect().width > 40")
            let point = try page.evaluate("(() => { const r = window.__hotCell.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()") as? [Double] ?? []
            try page.mouse(x: point[0], y: point[1])
            try page.waitFor("document.getElementById('cell-violations').dataset.state === 'ready'")
            seen["listed"] = try page.evaluate("document.getElementById('cell-violations').dataset.count") as? String
            seen["items"] = "\(try page.evaluate("document.querySelectorAll('#cell-violations .violation-item').length") ?? "")"
            seen["selection"] = try page.evaluate("document.getElementById('selection-title').textContent") as? String
            try page.screenshot(to: artifacts + "/analysis-cell.png")

            try page.click("#plan-task")
            try page.waitFor(TaskPagesTests.exists("#plan-result .plan-created, #plan-result .plan-error"), seconds: 30)
            seen["plan"] = try page.evaluate("document.getElementById('plan-result').textContent") as? String
            seen["planTask"] = try page.evaluate("document.querySelector('#plan-result .plan-created')?.dataset.taskId ?? ''") as? String
            seen["planLink"] = try page.evaluate("document.querySelector('#plan-result a.plan-link')?.getAttribute('href') ?? ''") as? String
            seen["plannedArea"] = "\(try page.evaluate("document.querySelectorAll('#map path.planned-area').length") ?? "")"
            try page.evaluate("(window.mgisAnalysis.map.setZoom(13, { animate: false }), true)")
            usleep(400_000)
            try page.screenshot(to: artifacts + "/analysis-plan.png")
            return seen
        }

        #expect(seen["matrixCells"] == "168")
        #expect(seen["matrixSum"] == "\(count)", "heat matrix sums to \(seen["matrixSum"] ?? "?"), imported \(count)")
        #expect(seen["trendSum"] == "\(count)", "trend bars sum to \(seen["trendSum"] ?? "?")")
        #expect(Int(seen["trendLines"] ?? "") ?? 0 >= 5, "one line per type: \(seen["trendLines"] ?? "")")
        #expect(Int(seen["fridayEvening"] ?? "") ?? 0 >= 60, "Friday evenings: \(seen["fridayEvening"] ?? "")")
        for key in layers {
            #expect(Int(seen["layer-\(key)"] ?? "") ?? 0 > 0, "layer \(key) drew nothing")
        }
        #expect(Int(seen["clusters"] ?? "") ?? 0 >= 100, "the two planted hotspots are DBSCAN clusters: \(seen["clusters"] ?? "")")
        #expect(Int(seen["hotCells"] ?? "") ?? 0 > 0)
        #expect(seen["legend"]?.contains("99 %") == true, "legend: \(seen["legend"] ?? "")")
        #expect(seen["policy"] == "", "Content-Security-Policy violations: \(seen["policy"] ?? "")")
        let cellCount = Int(seen["cellCount"] ?? "") ?? 0
        #expect(cellCount > 0, "the hottest cell holds violations")
        #expect(seen["listed"] == "\(cellCount)", "listed \(seen["listed"] ?? "?") of the cell's \(cellCount)")
        #expect(seen["items"] == seen["listed"])
        #expect(seen["selection"]?.contains("Hot-spot cell") == true, "selection: \(seen["selection"] ?? "")")
        #expect(seen["plan"]?.contains("Draft task") == true, "plan: \(seen["plan"] ?? "")")
        #expect(!(seen["planTask"] ?? "").isEmpty)
        #expect(seen["planLink"] == "/dispatch/")
        #expect(seen["plannedArea"] == "1")
    }
}
}
