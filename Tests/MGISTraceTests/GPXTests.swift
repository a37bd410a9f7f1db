import MGISCore
import MGISProtocol
import MGISTrace
import Testing

@Suite struct GPXTests {
    /// 2026-11-29T21:00:00Z, from Python's calendar.timegm.
    static let base: Int64 = 1_795_986_000_000

    static let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- exported by hand -->
        <gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
          <metadata><name>ignored</name></metadata>
          <trk>
            <name>Alpha &amp; <![CDATA[Bravo]]></name>
            <trkseg>
              <trkpt lat="54.68721235" lon='25.27974549'><ele>112.4</ele><time>2026-11-29T21:00:00Z</time><sat>9</sat><hdop>1.24</hdop></trkpt>
              <trkpt lat="54.6881124" lon="25.2797455"><time>2026-11-29T23:00:10+02:00</time></trkpt>
            </trkseg>
            <trkseg>
              <trkpt lat="54.69" lon="25.28"><ele>-3.5</ele><time>2026-11-29T20:00:30.257-01:00</time></trkpt>
            </trkseg>
          </trk>
          <trk>
            <trkseg>
              <trkpt lat="-0.00000005" lon="-179.99999995"><time>2026-11-29T21:00:05.5Z</time></trkpt>
              <trkpt lat="0" lon="-179.9"><time>2026-11-29T21:00:20z</time><extensions><speed>3</speed></extensions></trkpt>
            </trkseg>
          </trk>
        </gpx>
        """

    static let keys = KeyFile(entries: [
        KeyFileEntry(id: 500, name: "alpha", key: Array(repeating: 0x11, count: 32)),
        KeyFileEntry(id: 501, name: "bravo", key: Array(repeating: 0x22, count: 32)),
    ])

    static func decode(_ record: TraceRecord) throws -> (MTPHeader, [Fix]) {
        try record.payload.withUnsafeBytes { raw in
            let header = try MTPCodec.parseHeader(raw)
            try MTPCodec.verifyTag(raw, header: header, authenticator: MTPAuthenticator(key: keys.key(for: header.device)!))
            return (header, try MTPCodec.decodeRecords(raw, header: header))
        }
    }

    @Test func testDocumentParsesTracksSegmentsAndValues() throws {
        let document = try GPXDocument.parse(Self.text)
        #expect(document.tracks.count == 2)
        #expect(document.tracks.map { $0.segments.map(\.count) } == [[2, 1], [2]])
        #expect(document.tracks[0].name == "Alpha & Bravo")
        let points = document.tracks.flatMap(\.points)
        #expect(points.map(\.latE7) == [546_872_124, 546_881_124, 546_900_000, -1, 0])
        #expect(points.map(\.lonE7) == [252_797_455, 252_797_455, 252_800_000, -1_800_000_000, -1_799_000_000])
        #expect(points.map(\.timeMillis) == [Self.base, Self.base + 10_000, Self.base + 30_257, Self.base + 5_500, Self.base + 20_000])
        #expect(points.map(\.elevationMeters) == [112.4, nil, -3.5, nil, nil])
        #expect(points[0].satellites == 9 && points[0].hdop == 1.24 && points[0].line == 8)
    }

    @Test func testConversionAssignsDevicesBatchesAndDerivesMotion() throws {
        let trace = try GPXToTrace(keys: Self.keys, firstDeviceID: 500, fixesPerDatagram: 2).convert(try GPXDocument.parse(Self.text))
        #expect(trace.startMillis == Self.base)
        #expect(trace.deviceIDs == [500, 501])
        #expect(trace.records.map(\.arrivalMicros) == [10_000_000, 20_000_000, 30_257_000])
        #expect(trace.records.allSatisfy { $0.kind == .mtp && $0.source == .unspecified })
        let decoded = try trace.records.map(Self.decode)
        #expect(decoded.map { [$0.0.device, $0.0.seq] } == [[500, 1], [501, 1], [500, 2]])

        let alpha = decoded[0].1 + decoded[2].1
        #expect(alpha.map(\.timeMillis) == [Self.base, Self.base + 10_000, Self.base + 30_250])  // .257 carried as centis
        #expect(alpha.map(\.altitudeM) == [112, Fix.unknownAltitude, -4])
        // 100.0756 m due north in 10 s (haversine, Python); the first point takes the next's.
        #expect(alpha.map(\.speedCmS) == [1_001, 1_001, Fix.unknownSpeed])
        #expect(alpha.map(\.headingCentiDeg) == [0, 0, Fix.unknownHeading])
        #expect(alpha[0].hdopTenths == 12 && alpha[0].satellites == 9 && alpha[1].hdopTenths == Fix.unknownHDOP)
        #expect(alpha[0].flags == [.fixValid, .ignition, .externalPower, .moving])
        #expect(alpha[2].flags == [.fixValid, .ignition, .externalPower])

        let bravo = decoded[1].1
        #expect(bravo.map(\.latE7) == [-1, 0] && bravo.map(\.lonE7) == [-1_800_000_000, -1_799_000_000])
        #expect(bravo.map(\.timeMillis) == [Self.base + 5_500, Self.base + 20_000])
        #expect(bravo.map(\.speedCmS) == [65_534, 65_534])  // 11 km in 14.5 s: capped below "unknown"
        #expect(bravo.map(\.headingCentiDeg) == [9_000, 9_000])
    }

    @Test func testMissingKeyNamesTheTrack() throws {
        let keys = KeyFile(entries: [Self.keys.entries[0]])
        #expect(throws: GPXError(line: 15, message: "no key for device 501 (track 2) in the key file")) {
            try GPXToTrace(keys: keys, firstDeviceID: 500).convert(try GPXDocument.parse(Self.text))
        }
    }

    @Test(arguments: [
        ("<gpx><trk><trkseg>\n<trkpt lat=\"1\" lon=\"2\"><ele>3</ele></trkpt></trkseg></trk></gpx>", 2, nil as Int?, "has no <time>"),
        ("<gpx><trk><trkseg>\n\n<trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>", 3, nil, "has no <time>"),
        ("<gpx>\n  <trk>\n    <trkseg></trk>", 3, 13, "</trk> where </trkseg> (opened on line 3) was expected"),
        ("<gpx>\n<trk>\n", 3, 1, "input ends inside <trk> opened on line 2"),
        ("<gpx>\n<trk><name>a &bogus; b</name></trk></gpx>", 2, 14, "unknown or malformed entity '&bogus;'"),
        ("<gpx><trk><trkseg>\n<trkpt lat=\"54,6\" lon=\"2\"><time>2026-11-29T21:00:00Z</time></trkpt></trkseg></trk></gpx>", 2, nil, "lat=\"54,6\""),
        ("<gpx><trk><trkseg>\n<trkpt lat=\"91\" lon=\"2\"><time>2026-11-29T21:00:00Z</time></trkpt></trkseg></trk></gpx>", 2, nil, "-90...90"),
        ("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\">\n<time>2026-11-29T21:00:00</time></trkpt></trkseg></trk></gpx>", 2, nil, "not an RFC 3339 time"),
        ("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\">\n<time>2026-02-30T21:00:00Z</time></trkpt></trkseg></trk></gpx>", 2, nil, "not an RFC 3339 time"),
        ("<gpx>\n<!-- never closed </gpx>", 2, 1, "comment is not closed"),
        ("<gpx>\n<trk x=1></trk></gpx>", 2, 8, "needs a quoted value"),
        ("\n<kml></kml>", 2, 1, "the root element is <kml>, not <gpx>"),
        ("<gpx></gpx>\n<gpx></gpx>", 2, 1, "a second root element"),
        ("", 1, 1, "no <gpx> element"),
    ])
    func testMalformedInputNamesTheLine(text: String, line: Int, column: Int?, message: String) {
        #expect {
            try GPXDocument.parse(text)
        } throws: { error in
            guard let error = error as? GPXError else { return false }
            let matches = error.line == line && error.column == column && error.message.contains(message)
            if !matches { Issue.record("got \(error)") }
            return matches && error.description.hasPrefix("GPX line \(line)")
        }
    }
}
