import Foundation

/// The ACK latency histogram: one bar per bucket on a log-scale x axis (latencies spread over
/// decades; a linear axis would crush the body of the distribution into one pixel), counts on
/// a linear y axis, and dashed markers at p50 and p99.
enum LatencyHistogramSVG {
    static func render(_ buckets: [LoadReport.LatencyBucket], p50: Int64?, p99: Int64?) -> String {
        let frame = SVGFrame()
        var out = frame.open(id: "latency-histogram", title: "ACK latency histogram")
        guard let first = buckets.first, let last = buckets.last else {
            out += frame.text(frame.width / 2, frame.height / 2, "no acknowledged datagrams", anchor: "middle", class: "empty")
            return out + "</svg>"
        }
        let logs = buckets.map { log10(Double(max(1, $0.micros))) }
        let low = Int(floor(log10(Double(max(1, first.micros)))))
        let high = max(low + 1, Int(ceil(log10(Double(max(1, last.micros))))))
        func x(_ logValue: Double) -> Double {
            frame.left + (logValue - Double(low)) / Double(high - low) * frame.plotWidth
        }
        let ticks = AxisTicks.linear(upTo: Double(buckets.map(\.count).max() ?? 1))
        out += frame.yAxis(ticks: ticks, label: "datagrams")
        out += frame.xAxis(
            ticks: AxisTicks.decades(from: low, to: high).map { (x(Double($0)), AxisTicks.decadeLabel($0)) },
            label: "ACK latency (log scale)"
        )
        // A bucket covers (previous value, its value]; the first gets the narrowest width seen.
        let gaps = zip(logs.dropFirst(), logs).map { $0 - $1 }.filter { $0 > 0 }
        let firstWidth = min(gaps.min() ?? 0.05, 0.05)
        out += "<g class=\"bars\">"
        for (index, bucket) in buckets.enumerated() {
            let start = x(index == 0 ? logs[0] - firstWidth : logs[index - 1])
            let end = x(logs[index])
            let top = frame.y(Double(bucket.count), maximum: ticks.last ?? 1)
            out += "<rect class=\"bar\" x=\"\(frame.n(start))\" y=\"\(frame.n(top))\" width=\"\(frame.n(max(1, end - start)))\" "
                + "height=\"\(frame.n(frame.baseline - top))\"><title>\(bucket.count) at ≤ \(HTMLText.duration(micros: bucket.micros))</title></rect>"
        }
        out += "</g>\n"
        for (name, value) in [("p50", p50), ("p99", p99)] {
            guard let value else { continue }
            let markerX = x(log10(Double(max(1, value))))
            out += "<g class=\"marker \(name)\">" + frame.line(markerX, frame.top, markerX, frame.baseline)
            // A label near the right edge goes on the marker's left, so it is not cut off.
            let nearRight = markerX > frame.width - frame.right - 110
            out += frame.text(
                nearRight ? markerX - 4 : markerX + 4, frame.top + (name == "p50" ? 12 : 26), "\(name) \(HTMLText.duration(micros: value))",
                anchor: nearRight ? "end" : "start"
            )
            out += "</g>\n"
        }
        return out + "</svg>"
    }
}
