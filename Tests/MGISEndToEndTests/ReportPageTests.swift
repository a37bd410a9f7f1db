import Foundation
import MGISTestSupport
import Testing

extension EndToEnd {

/// A real replay against a real mgisd writes `--report FILE.html`; headless Chromium opens it
/// and both plots are there with data. The screenshot is kept in `ci-artifacts/load-report.png`.
@Suite(.serialized) struct ReportPageTests {
    @Test func testReplayReportShowsBothPlotsInChromium() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: DisplayPageTests.chromium), "install chromium (apt-get install chromium)")
        let directory = TestServer.temporaryDirectory()
        let trace = directory + "/gen.trace", keys = directory + "/keys.csv", report = directory + "/report.html"
        let generated = try await onOwnThread {
            try LoadTool.run(["trace", "gen", "--devices", "20", "--hours", "0.05", "--interval", "5", "--out", trace, "--keys", keys])
        }
        #expect(generated.status == 0)
        let importer = Process()
        importer.executableURL = Daemon.productsDirectory.appendingPathComponent("mgisctl")
        importer.arguments = ["device", "import", "--data", directory + "/data", keys]
        importer.standardOutput = FileHandle.nullDevice
        try importer.run()
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0)

        let daemon = try Daemon(dataDirectory: directory + "/data")
        defer { daemon.terminate() }
        try await Task.sleep(for: .seconds(2))
        let run = try await onOwnThread {
            try LoadTool.run([
                "replay", trace, "--to", "127.0.0.1:\(daemon.udpPort)", "--speed", "max", "--keys", keys, "--shift-to-now",
                "--report", report, "--json", "--quiet", "--max-loss", "0",
            ])
        }
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("\"lost\":0"), "\(run.output)")

        let dom = try await onOwnThread { try DisplayPageTests.runChromium(["--dump-dom", "file://" + report]) }
        let rate = try #require(Self.element("rate-over-time", in: dom), "no rate-over-time plot")
        let histogram = try #require(Self.element("latency-histogram", in: dom), "no latency histogram")
        #expect(rate.contains("<polyline class=\"sent\""), "the rate plot has no sent line")
        #expect(histogram.contains("<rect class=\"bar\""), "the histogram has no bars")
        #expect(dom.contains("id=\"summary\""))

        let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../ci-artifacts").standardized
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts.appendingPathComponent("load-report.png").path
        _ = try await onOwnThread { try DisplayPageTests.runChromium(["--screenshot=\(screenshot)", "--window-size=1280,1400", "file://" + report]) }
        #expect(FileManager.default.fileExists(atPath: screenshot))
    }

    /// The text of the `<svg id="…">` element in `dom`.
    static func element(_ id: String, in dom: String) -> String? {
        guard let start = dom.range(of: "<svg id=\"\(id)\"") else { return nil }
        guard let end = dom.range(of: "</svg>", range: start.upperBound..<dom.endIndex) else { return nil }
        return String(dom[start.lowerBound..<end.upperBound])
    }
}
}
