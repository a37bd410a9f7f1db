import MGISTrace
import Testing

/// Inputs the GPX fuzz target (Fuzz/Targets/gpx) found crashing the parser, kept so they stay fixed.
@Suite struct GPXFuzzFindingsTests {
    /// A `trkseg` that is not directly in a `trk` has no segment to take its points: the parser
    /// indexed the last track's last segment anyway and trapped (no track, or a track without
    /// segments). Such points are skipped now, like everything else outside a track.
    @Test(arguments: [
        "<gpx><foo><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2026-01-01T00:00:00Z</time></trkpt></trkseg></foo></gpx>",
        "<gpx><trk></trk><foo><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2026-01-01T00:00:00Z</time></trkpt></trkseg></foo></gpx>",
        // The fuzzer's own form: a track element whose name is `trk` and invalid UTF-8.
        "<gpx><trk\u{FFFD}\u{FFFD}><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2026-01-01T00:00:00Z</time></trkpt></trkseg></trk\u{FFFD}\u{FFFD}></gpx>",
    ])
    func testPointsOfASegmentOutsideATrackAreSkipped(text: String) throws {
        let document = try GPXDocument.parse(text)
        #expect(document.tracks.allSatisfy { $0.segments.allSatisfy(\.isEmpty) })
    }

    @Test func testATrackAfterAStraySegmentStillReadsItsPoints() throws {
        let text = "<gpx><rte><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2026-01-01T00:00:00Z</time></trkpt></trkseg></rte>"
            + "<trk><trkseg><trkpt lat=\"3\" lon=\"4\"><time>2026-01-01T00:00:01Z</time></trkpt></trkseg></trk></gpx>"
        let document = try GPXDocument.parse(text)
        #expect(document.tracks.count == 1)
        #expect(document.tracks[0].points.map(\.latE7) == [30_000_000])
    }
}
