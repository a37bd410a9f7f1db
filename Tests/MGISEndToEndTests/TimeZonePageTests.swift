import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MGISTestSupport
import Testing

extension EndToEnd {

/// Every page shows times in the service's zone (`--time-zone`), named, whatever zone the
/// browser runs in: a task planned for 06:00-10:00 UTC in January reads "08:00 – 12:00 EET" on
/// the dispatcher's board and on the officer's list, from a browser in New York.
@Suite(.serialized, .timeLimit(.minutes(3))) struct TimeZonePageTests {
    @Test func testTaskTimesReadInTheServiceZoneWhateverTheBrowserZone() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: EndToEnd.DisplayPageTests.chromium), "install chromium")
        let directory = NSTemporaryDirectory() + "mgis-timezone-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try ControlToolTests.mgisctl(["user", "add", "--data", directory, "planner", "--role", "dispatcher"]).status == 0)
        let token = try ControlToolTests.mgisctl(["user", "token", "--data", directory, "planner"]).stdout
            .split(separator: "\n").last.map(String.init) ?? ""
        let daemon = try Daemon(dataDirectory: directory, extra: ["--time-zone", "Europe/Vilnius"])
        defer { daemon.terminate() }
        let base = "http://127.0.0.1:\(daemon.httpPort)"
        let config = try await Self.waitForJSON("\(base)/map-config.json")
        #expect(config["timeZone"] as? String == "Europe/Vilnius")

        var create = URLRequest(url: URL(string: "\(base)/api/v1/tasks")!)
        create.httpMethod = "POST"
        create.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        create.setValue("application/json", forHTTPHeaderField: "Content-Type")
        create.httpBody = try JSONSerialization.data(withJSONObject: [
            "type": "checkpoint", "title": "Morning checkpoint", "instructions": "", "priority": "normal",
            "area": ["type": "circle", "center": ["lat": 54.65, "lon": 25.25], "radiusMeters": 500],
            "window": ["start": "2027-01-15T06:00:00Z", "end": "2027-01-15T10:00:00Z"],
        ])
        let (body, response) = try await URLSession.shared.data(for: create)
        #expect((response as? HTTPURLResponse)?.statusCode == 201, "\(String(decoding: body, as: UTF8.self))")

        let dom = try await Self.dumpDOM("\(base)/dispatch/?token=\(token)", browserZone: "America/New_York")
        #expect(dom.contains("2027-01-15 08:00 – 12:00 EET"), "the window as the board shows it: \(Self.windows(in: dom))")
        #expect(!dom.contains("01:00 – 05:00"), "New York's hours must not show")
    }

    /// The card windows in a dumped DOM, for the failure message.
    static func windows(in dom: String) -> [String] {
        dom.matches(of: /card-window[^>]*>([^<]*)</).map { String($0.1) }
    }

    /// Headless Chromium's DOM after the page settled, run with `TZ=browserZone`.
    static func dumpDOM(_ url: String, browserZone: String) async throws -> String {
        try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: EndToEnd.DisplayPageTests.chromium)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,800", "--virtual-time-budget=8000", "--dump-dom", url]
            process.environment = ProcessInfo.processInfo.environment.merging(["TZ": browserZone]) { _, new in new }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = DispatchTime.now() + .seconds(60)
            let data = output.fileHandleForReading.readDataToEndOfFile()
            while process.isRunning, DispatchTime.now() < deadline { usleep(10_000) }
            if process.isRunning { process.terminate() }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Polls `url` until it answers JSON (the daemon is up), at most 30 s.
    static func waitForJSON(_ url: String) async throws -> [String: Any] {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(30) {
            if let (data, _) = try? await URLSession.shared.data(from: URL(string: url)!),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            {
                return object
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CocoaError(.fileReadUnknown)
    }
}
}
