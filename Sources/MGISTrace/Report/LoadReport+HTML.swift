extension LoadReport {
    /// A self-contained page: inline CSS and SVG drawn here, no scripts, no external assets,
    /// so it can be attached to a CI run or mailed and still open anywhere.
    ///
    /// Stable ids for tests and tools: `summary` (table), `latency-histogram` and
    /// `rate-over-time` (svg).
    public func html() -> String {
        let summary = summary
        let title = "MGIS load report" + (parameters.label.isEmpty ? "" : ": " + parameters.label)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLText.escape(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <h1>\(HTMLText.escape(title))</h1>
            \(summaryTable(summary))
            <h2>ACK latency</h2>
            \(LatencyHistogramSVG.render(latencyBuckets, p50: summary.latencyMicros?.p50, p99: summary.latencyMicros?.p99))
            <h2>Rate over time</h2>
            \(RateOverTimeSVG.render(rateSamples))
            </body>
            </html>

            """
    }

    private func summaryTable(_ summary: LoadSummary) -> String {
        let latency = summary.latencyMicros
        let rows: [(String, String)] = [
            ("target", summary.target),
            ("devices", "\(summary.devices)"),
            ("asked rate", summary.fixesPerSecond.map { HTMLText.fixed($0, 1) + " fixes/s" } ?? "as fast as possible"),
            ("fixes per datagram", "\(summary.fixesPerDatagram)"),
            ("duration", HTMLText.fixed(summary.durationSeconds, 2) + " s"),
            ("datagrams sent", "\(summary.sent)"),
            ("acknowledged", "\(summary.acked)"),
            ("lost", "\(summary.lost) (" + HTMLText.fixed(summary.lossFraction * 100, 3) + " %)"),
            ("retransmissions", "\(summary.retransmissions)"),
            ("ACK latency p50", latency.map { HTMLText.duration(micros: $0.p50) } ?? "-"),
            ("ACK latency p90", latency.map { HTMLText.duration(micros: $0.p90) } ?? "-"),
            ("ACK latency p99", latency.map { HTMLText.duration(micros: $0.p99) } ?? "-"),
            ("ACK latency max", latency.map { HTMLText.duration(micros: $0.max) } ?? "-"),
        ]
        let body = rows.map { "<tr><th>\(HTMLText.escape($0.0))</th><td>\(HTMLText.escape($0.1))</td></tr>" }
        return "<table id=\"summary\">\n" + body.joined(separator: "\n") + "\n</table>"
    }

    private static let css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2733}
        h1{font-size:20px}h2{font-size:16px;margin-top:28px}
        table{border-collapse:collapse}th,td{padding:3px 12px;border-bottom:1px solid #dde3ea;text-align:left}
        td{font-variant-numeric:tabular-nums}
        svg{background:#fafbfc;border:1px solid #dde3ea}
        svg text{font-size:11px;fill:#4a5563}svg .label{font-size:12px}
        .axis line{stroke:#4a5563}.grid{stroke:#e6eaef}
        .bar{fill:#3b7dd8}.marker line{stroke:#c2410c;stroke-dasharray:4 3}.marker text{fill:#c2410c}
        polyline.sent{stroke:#3b7dd8;stroke-width:2}polyline.acked{stroke:#15803d;stroke-width:2;stroke-dasharray:6 3}
        rect.lost,.swatch.lost{fill:#dc2626}.swatch.sent{fill:#3b7dd8}.swatch.acked{fill:#15803d}
        """
}
