/// Datagrams per second over the run: sent and acknowledged as lines (they should lie on top
/// of each other when the server keeps up), lost as bars from the baseline so even one lost
/// datagram shows.
enum RateOverTimeSVG {
    static func render(_ samples: [LoadReport.RateSample]) -> String {
        let frame = SVGFrame()
        var out = frame.open(id: "rate-over-time", title: "Datagrams per second over time")
        guard !samples.isEmpty else {
            out += frame.text(frame.width / 2, frame.height / 2, "no samples", anchor: "middle", class: "empty")
            return out + "</svg>"
        }
        let peak = samples.map { max($0.sent, $0.acked, $0.lost) }.max() ?? 0
        let ticks = AxisTicks.linear(upTo: Double(max(1, peak)))
        let top = ticks.last ?? 1
        // Sample i covers second i ..< i+1; points sit at the middle of their second.
        let seconds = Double((samples.map(\.second).max() ?? 0) + 1)
        func x(_ second: Double) -> Double { frame.left + second / seconds * frame.plotWidth }
        let slot = frame.plotWidth / seconds

        out += frame.yAxis(ticks: ticks, label: "datagrams / s")
        let xTicks = AxisTicks.linear(upTo: seconds, target: 8).filter { $0 <= seconds }
        out += frame.xAxis(ticks: xTicks.map { (x($0), AxisTicks.label($0)) }, label: "seconds since start")

        out += "<g class=\"lost-bars\">"
        for sample in samples {
            let barTop = frame.y(Double(sample.lost), maximum: top)
            out += "<rect class=\"lost\" x=\"\(frame.n(x(Double(sample.second)) + slot * 0.1))\" y=\"\(frame.n(barTop))\" "
                + "width=\"\(frame.n(max(0.5, slot * 0.8)))\" height=\"\(frame.n(frame.baseline - barTop))\"/>"
        }
        out += "</g>\n"
        for (name, value) in [("sent", \LoadReport.RateSample.sent), ("acked", \LoadReport.RateSample.acked)] {
            let points = samples.map { sample in
                "\(frame.n(x(Double(sample.second) + 0.5))),\(frame.n(frame.y(Double(sample[keyPath: value]), maximum: top)))"
            }
            out += "<polyline class=\"\(name)\" fill=\"none\" points=\"\(points.joined(separator: " "))\"/>\n"
        }
        out += legend(frame)
        return out + "</svg>"
    }

    private static func legend(_ frame: SVGFrame) -> String {
        let x = frame.width - frame.right - 150
        // On a backdrop, so a tall bar or line behind it does not hide the names.
        var out = "<g class=\"legend\"><rect class=\"backdrop\" x=\"\(frame.n(x - 6))\" y=\"\(frame.n(frame.top))\" width=\"80\" height=\"52\" "
            + "fill=\"white\" fill-opacity=\"0.85\"/>"
        for (index, name) in ["sent", "acked", "lost"].enumerated() {
            let y = frame.top + 12 + Double(index) * 16
            out += "<rect class=\"swatch \(name)\" x=\"\(frame.n(x))\" y=\"\(frame.n(y - 8))\" width=\"12\" height=\"8\"/>"
            out += frame.text(x + 18, y, name, anchor: "start")
        }
        return out + "</g>\n"
    }
}
