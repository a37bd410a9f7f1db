import Foundation
import MGISTestSupport
import Testing

extension EndToEnd {

/// The admin's trackers table for a real fleet (the 60-car demo): each tracker's last report as
/// "online" or an age, how many are online, a search over id, name, IMEI and unit, and pages of 50.
@Suite(.serialized, .timeLimit(.minutes(3))) struct AdminTrackersPageTests {
    @Test func testTrackersShowLastSeenAndCanBeSearchedAndPaged() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: HeadlessBrowser.chromium), "install chromium (apt-get install chromium)")
        let directory = NSTemporaryDirectory() + "mgis-trackers-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try Daemon(command: "demo", dataDirectory: directory, extra: ["--units", "60"], captureOutput: true)
        defer { daemon.terminate() }
        _ = try #require(try await onOwnThread { daemon.waitForLine(containing: "/display/?token=") }, "the demo did not start")
        let admin = try TaskPagesTests.token("admin", directory: directory)
        let http = HTTPTestClient(port: daemon.httpPort)
        // The API says when each tracker last reported, once the demo fleet has driven a second.
        var reported = 0
        let started = ContinuousClock.now
        while reported < 60, ContinuousClock.now - started < .seconds(30) {
            let items = try await http.send("GET", "/api/v1/devices", token: admin).json?["items"] as? [[String: Any]] ?? []
            reported = items.filter { $0["lastSeen"] is String }.count
            if reported < 60 { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(reported == 60, "trackers with a lastSeen: \(reported)")

        let base = "http://127.0.0.1:\(daemon.httpPort)"
        let seen = try await onOwnThread { () -> [String: String] in
            var seen: [String: String] = [:]
            let page = try HeadlessBrowser(width: 1280, height: 800)
            defer { page.quit() }
            func read(_ script: String) throws -> String { "\(try page.evaluate(script) ?? "")" }
            try page.open("\(base)/admin/?token=\(admin)")
            try page.waitFor("document.querySelectorAll('#devices-table tr.device-row').length > 0", seconds: 30)
            seen["rows"] = try read("String(document.querySelectorAll('#devices-table tr.device-row').length)")
            seen["online"] = try read("String(document.querySelectorAll('#devices-table td.c-seen[data-online=\"true\"]').length)")
            seen["summary"] = try read("document.getElementById('devices-online').textContent")
            seen["page"] = try read("document.getElementById('devices-page').textContent")
            _ = try page.evaluate("document.getElementById('devices-next').click()")
            try page.waitFor("document.querySelectorAll('#devices-table tr.device-row').length === 10")
            seen["second"] = try read("document.getElementById('devices-page').textContent")
            try page.type("#devices-search", "DEMO-07")
            try page.waitFor("document.querySelectorAll('#devices-table tr.device-row').length === 1")
            seen["found"] = try read("document.querySelector('#devices-table tr.device-row td.strong').textContent")
            try page.type("#devices-search", "zzz")
            try page.waitFor("document.querySelector('#devices-table tr.empty')")
            seen["none"] = try read("document.querySelector('#devices-table tr.empty').textContent")
            return seen
        }
        #expect(seen["rows"] == "50", "first page: \(seen)")
        #expect(seen["online"] == "50", "every demo car reports each second: \(seen)")
        #expect(seen["summary"] == "60 of 60 online", "\(seen)")
        #expect(seen["page"] == "Page 1 of 2 (60 trackers)" && seen["second"] == "Page 2 of 2 (60 trackers)", "\(seen)")
        #expect(seen["found"] == "demo-07", "the search finds a tracker by its unit's call sign: \(seen)")
        #expect(seen["none"]?.contains("No tracker matches") == true, "\(seen)")
    }
}
}
