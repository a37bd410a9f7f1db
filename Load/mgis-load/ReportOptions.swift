import ArgumentParser

/// `--report FILE.html`, shared by every command that drives load (`udp`, `teltonika`, `replay`).
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
}
