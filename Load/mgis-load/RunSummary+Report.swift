import Foundation
import MGISTrace

extension RunSummary {
    /// The run as a `LoadReport`: per-second rates, the latency histogram and the totals.
    func loadReport(target: String, fixesPerSecond: Double?, fixesPerDatagram: Int, label: String) -> LoadReport {
        LoadReport(
            parameters: LoadReport.Parameters(
                target: target, devices: devices, fixesPerSecond: fixesPerSecond,
                fixesPerDatagram: fixesPerDatagram, durationSeconds: durationSeconds, label: label
            ),
            rateSamples: rateSamples,
            latencyBuckets: latencyBuckets,
            totals: LoadReport.Totals(sent: datagramsSent, acked: acked, lost: lost, retransmissions: retransmissions)
        )
    }

    /// Writes the HTML report to `options.report`, when asked for; says where on stderr.
    func writeReport(_ options: ReportOptions, target: String, fixesPerSecond: Double?, fixesPerDatagram: Int) throws {
        guard let path = options.report else { return }
        let html = loadReport(target: target, fixesPerSecond: fixesPerSecond, fixesPerDatagram: fixesPerDatagram, label: options.label).html()
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw LoadError("cannot write the report \(path): \(error.localizedDescription)")
        }
        StandardError.write("mgis-load: report written to \(path)")
    }

    /// The busiest second of sending, for the JSON summary.
    var peakSentPerSecond: Int {
        rateSamples.map(\.sent).max() ?? 0
    }
}
