import ArgumentParser

/// How a load run reports and when it fails: `--report FILE.html`, `--json`, `--quiet`, and the
/// `--max-loss` / `--max-p99-ms` gates. Shared by every command that drives load (`udp`,
/// `teltonika`, `replay`), so the flags mean the same everywhere.
struct ReportOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Also write a self-contained HTML report: summary table, rate over time and ACK latency histogram.",
            valueName: "file.html"
        )
    )
    var report: String?

    @Option(help: "Free text for the report's heading, e.g. the server version or the trace replayed.")
    var label: String = ""

    @Option(name: .customLong("max-loss"), help: "Exit with status 3 when more datagrams (or frames) than this are lost.")
    var maxLoss: Int?

    @Option(name: .customLong("max-p99-ms"), help: "Exit with status 4 when the p99 answer latency exceeds this many ms.")
    var maxP99Millis: Double?

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        if let maxLoss, maxLoss < 0 { throw ValidationError("--max-loss must be 0 or more") }
        if let maxP99Millis, !(maxP99Millis >= 0) { throw ValidationError("--max-p99-ms must be 0 or more") }
    }
}
