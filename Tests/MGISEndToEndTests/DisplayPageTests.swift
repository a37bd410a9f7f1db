import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MGISTestSupport
import Testing

extension EndToEnd {

/// A real headless Chromium opens `/display` with a display token against a running
/// `mgisd demo` and the page shows the demo's units, updated by live frames. The screenshot is
/// kept in `ci-artifacts/display.png`.
@Suite(.serialized) struct DisplayPageTests {
    static let chromium = "/usr/bin/chromium"

    static func runChromium(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,800"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// unit id -> "lat,lon" from the markers' data attributes.
    static func positions(in dom: String) -> [String: String] {
        var result: [String: String] = [:]
        for match in dom.matches(of: /data-unit="([^"]+)" data-lat="([^"]+)" data-lon="([^"]+)"/) {
            result[String(match.1)] = "\(match.2),\(match.3)"
        }
        return result
    }

    @Test func testDisplayShowsDemoUnitsMovingLive() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.chromium), "install chromium (apt-get install chromium)")
        let directory = NSTemporaryDirectory() + "mgis-display-" + UUID().uuidString
        let daemon = try Daemon(command: "demo", dataDirectory: directory, extra: ["--units", "12"], captureOutput: true)
        defer { daemon.terminate() }
        let line = try #require(try await onOwnThread { daemon.waitForLine(containing: "/display/?token=") }, "demo printed no display URL")
        let token = try #require(line.split(separator: "token=").last.map(String.init))
        let url = "http://127.0.0.1:\(daemon.httpPort)/display/?token=\(token)"
        try await Task.sleep(for: .seconds(3))  // the fleet reports every second

        let dom = try await onOwnThread { try Self.runChromium(["--virtual-time-budget=6000", "--dump-dom", url]) }
        let markers = dom.components(separatedBy: "unit-marker").count - 1
        #expect(markers >= 12, "unit markers in the DOM: \(markers)")
        for number in 1...12 {
            #expect(dom.contains("DEMO-\(number < 10 ? "0" : "")\(number)"), "DEMO-\(number) missing")
        }
        #expect(dom.contains("data-state=\"connected\""), "the page is not connected")
        let frames = dom.firstMatch(of: /data-frames="(\d+)"/).flatMap { Int($0.1) } ?? 0
        #expect(frames >= 1, "live frames received: \(frames)")
        #expect(dom.contains("id=\"units-total\">12<"), "header count")

        // Markers move: a second look a few seconds later shows the units elsewhere.
        try await Task.sleep(for: .seconds(3))
        let later = try await onOwnThread { try Self.runChromium(["--virtual-time-budget=6000", "--dump-dom", url]) }
        let before = Self.positions(in: dom), after = Self.positions(in: later)
        #expect(before.count >= 12 && after.count >= 12)
        let moved = before.filter { unit, position in after[unit].map { $0 != position } ?? false }.count
        #expect(moved >= 6, "units whose marker moved: \(moved) of \(before.count)")

        let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../ci-artifacts").standardized
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts.appendingPathComponent("display.png").path
        _ = try await onOwnThread { try Self.runChromium(["--virtual-time-budget=6000", "--screenshot=\(screenshot)", url]) }
        #expect(FileManager.default.fileExists(atPath: screenshot))
    }
}

/// The auditor's page in a real headless Chromium against a running mgisd: the trail's entries,
/// the timeline and a verified checkpoint show. Screenshot kept in `ci-artifacts/audit.png`.
@Suite(.serialized) struct AuditPageTests {
    @Test func testAuditPageShowsEntriesAndAVerifiedCheckpoint() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: DisplayPageTests.chromium), "install chromium")
        let directory = NSTemporaryDirectory() + "mgis-auditpage-" + UUID().uuidString
        let add = try ControlToolTests.mgisctl(["user", "add", "--data", directory, "inspector", "--role", "auditor", "--role", "analyst"])
        #expect(add.status == 0)
        let token = try ControlToolTests.mgisctl(["user", "token", "--data", directory, "inspector"]).stdout
            .split(separator: "\n").last.map(String.init) ?? ""
        let daemon = try Daemon(dataDirectory: directory, extra: ["--audit-checkpoint-seconds", "1"])
        defer { daemon.terminate() }
        try await Task.sleep(for: .seconds(2))
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(daemon.httpPort)/api/v1/me")!)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        for _ in 0..<5 { _ = try? await URLSession.shared.data(for: request) }
        // A register read names every violation it showed: the table shows the first three and a count.
        var csv = "time,lat,lon,type,goods\n"
        for index in 0..<40 { csv += "2026-01-0\(index % 9 + 1)T10:\(10 + index):00Z,54.6,25.2,alcohol,vodka\n" }
        var upload = URLRequest(url: URL(string: "http://127.0.0.1:\(daemon.httpPort)/api/v1/violations/import")!)
        (upload.httpMethod, upload.httpBody) = ("POST", Data(csv.utf8))
        upload.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        upload.setValue("text/csv", forHTTPHeaderField: "Content-Type")
        let (_, imported) = try await URLSession.shared.data(for: upload)
        #expect((imported as? HTTPURLResponse)?.statusCode == 201)
        var list = URLRequest(url: URL(string: "http://127.0.0.1:\(daemon.httpPort)/api/v1/violations")!)
        list.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        _ = try await URLSession.shared.data(for: list)
        try await Task.sleep(for: .seconds(2))  // a checkpoint covers them
        let url = "http://127.0.0.1:\(daemon.httpPort)/audit/?token=\(token)"
        let dom = try await onOwnThread { try DisplayPageTests.runChromium(["--virtual-time-budget=6000", "--dump-dom", url]) }
        #expect(dom.contains("data-ready=\"1\""), "the page did not finish loading")
        let rows = dom.components(separatedBy: "class=\"audit-row\"").count - 1
        #expect(rows >= 5, "audit rows: \(rows)")
        #expect(dom.contains("data-action=\"api.request\""))
        #expect(dom.contains("and 37 more"), "the read of 40 violations is one short row")
        #expect(dom.contains("id=\"verify-status\"") && dom.contains("data-state=\"verified\""), "checkpoint not shown as verified")
        #expect(dom.contains("class=\"bar bar-ok\""), "no timeline bars")
        let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../ci-artifacts").standardized
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        _ = try await onOwnThread { try DisplayPageTests.runChromium(["--virtual-time-budget=6000", "--screenshot=\(artifacts.path)/audit.png", url]) }
    }
}
}
