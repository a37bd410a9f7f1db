import Foundation
import MGISTrace
import Testing

@Suite struct LoadReportTests {
    static let parameters = LoadReport.Parameters(
        target: "127.0.0.1:5055", devices: 200, fixesPerSecond: 1000, fixesPerDatagram: 1, durationSeconds: 6, label: "<night> & day"
    )
    // 100 latencies: 50 at ≤100 µs, 30 at ≤200 µs, 15 at ≤1 ms, 5 at ≤50 ms. Nearest rank:
    // p50 is the 50th (100 µs), p90 the 90th (1 ms), p99 the 99th (50 ms).
    static let buckets = [
        LoadReport.LatencyBucket(micros: 1_000, count: 15),
        LoadReport.LatencyBucket(micros: 100, count: 50),
        LoadReport.LatencyBucket(micros: 200, count: 30),
        LoadReport.LatencyBucket(micros: 777, count: 0),
        LoadReport.LatencyBucket(micros: 50_000, count: 5),
    ]
    static let samples = (0..<6).map { LoadReport.RateSample(second: $0, sent: 1000, acked: $0 == 3 ? 990 : 1000, lost: $0 == 3 ? 10 : 0) }
    static let report = LoadReport(parameters: parameters, rateSamples: samples, latencyBuckets: buckets)

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func testSummaryFiguresAreDerivedExactly() {
        let summary = Self.report.summary
        #expect(summary.sent == 6_000 && summary.acked == 5_990 && summary.lost == 10)
        #expect(summary.lossFraction == 10.0 / 6_000.0)
        #expect(summary.latencyMicros == LoadSummary.Latency(p50: 100, p90: 1_000, p99: 50_000, max: 50_000))
        #expect(Self.report.percentileMicros(basisPoints: 8_000) == 200)
        #expect(Self.report.percentileMicros(basisPoints: 8_001) == 1_000)
    }

    @Test func testHTMLHasBothPlotsWithOneMarkPerDatum() {
        let html = Self.report.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(Self.count("<table id=\"summary\">", in: html) == 1)
        #expect(Self.count("<svg id=\"latency-histogram\"", in: html) == 1)
        #expect(Self.count("<svg id=\"rate-over-time\"", in: html) == 1)
        // The empty bucket is dropped: four bars.
        #expect(Self.count("<rect class=\"bar\"", in: html) == 4)
        #expect(Self.count("<rect class=\"lost\"", in: html) == Self.samples.count)
        for line in ["sent", "acked"] {
            let start = html.range(of: "<polyline class=\"\(line)\" fill=\"none\" points=\"")!
            let points = html[start.upperBound...].prefix { $0 != "\"" }.split(separator: " ")
            #expect(points.count == Self.samples.count)
        }
        #expect(html.contains("class=\"marker p50\"") && html.contains("class=\"marker p99\""))
        // Decade ticks from 100 µs to 100 ms on the log axis.
        for label in [">100 µs<", ">1 ms<", ">10 ms<", ">100 ms<"] { #expect(html.contains(label)) }
        // Self-contained and escaped.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        #expect(html.contains("&lt;night&gt; &amp; day") && !html.contains("<night>"))
    }

    @Test func testAnEmptyRunStillRendersBothPlots() {
        let empty = LoadReport(parameters: Self.parameters, rateSamples: [], latencyBuckets: [])
        let html = empty.html()
        #expect(html.contains("<svg id=\"latency-histogram\"") && html.contains("<svg id=\"rate-over-time\""))
        #expect(Self.count("<rect class=\"bar\"", in: html) == 0)
        #expect(empty.summary.latencyMicros == nil)
    }

    @Test func testJSONRoundTripsWithStableKeys() throws {
        let json = Self.report.json()
        #expect(!json.contains("\n"))
        let decoded = try JSONDecoder().decode(LoadSummary.self, from: Data(json.utf8))
        #expect(decoded == Self.report.summary)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == [
            "acked", "devices", "duration_s", "fixes_per_datagram", "fixes_per_second", "label", "latency_us",
            "loss_fraction", "lost", "retransmissions", "sent", "target",
        ])
        #expect((object["latency_us"] as? [String: Any])?["p99"] as? Int == 50_000)
        #expect(json.hasPrefix("{\"acked\":5990,"))
    }

    @Test func testNullsAreWrittenNotOmitted() throws {
        var parameters = Self.parameters
        parameters.fixesPerSecond = nil
        let json = LoadReport(parameters: parameters, rateSamples: [], latencyBuckets: []).json()
        #expect(json.contains("\"fixes_per_second\":null") && json.contains("\"latency_us\":null"))
        let decoded = try JSONDecoder().decode(LoadSummary.self, from: Data(json.utf8))
        #expect(decoded.latencyMicros == nil && decoded.fixesPerSecond == nil)
    }

    @Test func testBoundsAreCheckedEachWay() {
        let summary = Self.report.summary
        #expect(LoadBounds().violations(of: summary).isEmpty)
        #expect(LoadBounds(maxLossFraction: 0.002, maxP99Micros: 50_000).violations(of: summary).isEmpty)
        let both = LoadBounds(maxLossFraction: 0.001, maxP99Micros: 49_999).violations(of: summary)
        #expect(both.count == 2)
        #expect(both[0].hasPrefix("loss 10 of 6000") && both[1].hasPrefix("p99 ACK latency 50000 µs"))
        let nothingAcked = LoadReport(parameters: Self.parameters, rateSamples: [], latencyBuckets: []).summary
        #expect(LoadBounds(maxP99Micros: 1_000_000).violations(of: nothingAcked).count == 1)
    }
}
