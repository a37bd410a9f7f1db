import MGISCore
import MGISProtocol
import MGISTrace
import Testing

@Suite struct PatrolTraceGeneratorTests {
    static let start: Int64 = 1_795_986_000_000
    static let generator = PatrolTraceGenerator(devices: 6, hours: 2, reportIntervalSeconds: 10, seed: 42, region: .vilnius)
    static let keys: KeyFile = {
        var random = SplitMix64(seed: 1)
        return KeyFile.generate(ids: 1000..<1006, using: &random)
    }()

    /// Fixes per device, decoded from the generated datagrams (tags checked).
    static func decodedTracks(_ records: [TraceRecord]) throws -> [UInt32: [Fix]] {
        var tracks: [UInt32: [Fix]] = [:]
        for record in records {
            try record.payload.withUnsafeBytes { raw in
                let header = try MTPCodec.parseHeader(raw)
                try MTPCodec.verifyTag(raw, header: header, authenticator: MTPAuthenticator(key: keys.key(for: header.device)!))
                tracks[header.device, default: []] += try MTPCodec.decodeRecords(raw, header: header)
            }
        }
        return tracks.mapValues { $0.sorted { $0.timeMillis < $1.timeMillis } }
    }

    @Test func testFleetStaysInRegionAtPlausibleSpeedsWithStops() throws {
        let records = try Self.generator.records(startMillis: Self.start, keys: Self.keys, firstDeviceID: 1000)
        #expect(records.count == 6 * 721)
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.arrivalMicros <= $1.arrivalMicros })
        let tracks = try Self.decodedTracks(records)
        #expect(tracks.keys.sorted() == Array(1000..<1006))
        var stops = 0
        var engineOffFixes = 0
        for fixes in tracks.values {
            #expect(fixes.map(\.timeMillis) == (0...720).map { Self.start + Int64($0) * 10_000 })
            #expect(fixes.allSatisfy { TraceRegion.vilnius.contains(latE7: $0.latE7, lonE7: $0.lonE7) })
            #expect(fixes.allSatisfy { $0.speedCmS <= 2_500 })  // 90 km/h, the fastest road
            var standing = 0
            for (a, b) in zip(fixes, fixes.dropFirst()) {
                let metres = a.point.distanceMeters(to: b.point)
                #expect(metres / 10 <= 130 / 3.6, "jumped \(metres) m in 10 s")
                standing = metres == 0 && b.speedCmS == 0 ? standing + 1 : 0
                if standing == 30 { stops += 1 }  // 5 minutes without moving: a checkpoint
                if !b.flags.contains(.ignition) { engineOffFixes += 1 }
            }
        }
        #expect(stops >= 3)
        #expect(engineOffFixes > 0)
    }

    @Test func testAccelerationIsLimited() {
        let tracks = PatrolTraceGenerator(devices: 3, hours: 0.5, reportIntervalSeconds: 1, seed: 9).tracks(startMillis: 0)
        for fixes in tracks {
            #expect(fixes.count == 1_801)
            for (a, b) in zip(fixes, fixes.dropFirst()) {
                let change = Int(b.speedCmS) - Int(a.speedCmS)
                #expect(change <= 150 && change >= -300)
            }
            #expect(fixes.contains { $0.speedCmS >= 1_900 } || fixes.contains { $0.speedCmS >= 800 })
        }
    }

    @Test func testSameSeedSameBytesOtherSeedOtherTraffic() throws {
        let again = try PatrolTraceGenerator(devices: 6, hours: 2, reportIntervalSeconds: 10, seed: 42).records(startMillis: Self.start, keys: Self.keys, firstDeviceID: 1000)
        let first = try Self.generator.records(startMillis: Self.start, keys: Self.keys, firstDeviceID: 1000)
        #expect(again == first)
        let other = try PatrolTraceGenerator(devices: 6, hours: 2, reportIntervalSeconds: 10, seed: 43).records(startMillis: Self.start, keys: Self.keys, firstDeviceID: 1000)
        #expect(other != first)
    }

    @Test func testBatchesAndMissingKeys() throws {
        let generator = PatrolTraceGenerator(devices: 2, hours: 0.25, reportIntervalSeconds: 5, seed: 1)
        let records = try generator.records(startMillis: Self.start, keys: Self.keys, firstDeviceID: 1000, fixesPerDatagram: 10)
        // 181 fixes a car: 18 full datagrams and one of 1.
        #expect(records.count == 2 * 19)
        #expect(try Self.decodedTracks(records).values.map(\.count) == [181, 181])
        #expect(throws: KeyFileError.self) { try generator.records(startMillis: 0, keys: Self.keys, firstDeviceID: 1) }
    }
}
