import MGISCore
import MGISProtocol
import Testing

/// Property tests: any valid fixes encode and decode back to themselves.
@Suite struct MTPRoundTripTests {
    static func randomFix(using generator: inout some RandomNumberGenerator) -> Fix {
        Fix(
            timeMillis: Int64(UInt32.random(in: 0...UInt32.max, using: &generator)) * 1000 + Int64.random(in: 0...99, using: &generator) * 10,
            latE7: Int32.random(in: -900_000_000...900_000_000, using: &generator),
            lonE7: Int32.random(in: -1_800_000_000...1_800_000_000, using: &generator),
            speedCmS: UInt16.random(in: 0...UInt16.max, using: &generator),
            headingCentiDeg: Bool.random(using: &generator) ? Fix.unknownHeading : UInt16.random(in: 0...35_999, using: &generator),
            altitudeM: Int16.random(in: .min ... .max, using: &generator),
            hdopTenths: UInt8.random(in: 0...255, using: &generator),
            satellites: UInt8.random(in: 0...255, using: &generator),
            flags: FixFlags(rawValue: UInt16.random(in: 0...UInt16.max, using: &generator)),
            batteryPercent: Bool.random(using: &generator) ? Fix.unknownBattery : UInt8.random(in: 0...100, using: &generator)
        )
    }

    @Test func testRandomDatagramsRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let auth = MTPAuthenticator(key: key)
            let fixes = (0..<Int.random(in: 0...50, using: &generator)).map { _ in Self.randomFix(using: &generator) }
            let device = UInt32.random(in: 1...UInt32.max, using: &generator)
            let seq = UInt32.random(in: 0...UInt32.max, using: &generator)
            let bytes = MTPCodec.encode(device: device, seq: seq, fixes: fixes, authenticator: auth)
            #expect(bytes.count == 21 + 24 * fixes.count)
            try bytes.withUnsafeBytes { raw in
                let header = try MTPCodec.parseHeader(raw)
                #expect(header.kind == (fixes.isEmpty ? .heartbeat : .positions))
                #expect(header.device == device && header.seq == seq)
                try MTPCodec.verifyTag(raw, header: header, authenticator: auth)
                #expect(try MTPCodec.decodeRecords(raw, header: header) == fixes)
            }
        }
    }

    @Test func testRandomAcksRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let auth = MTPAuthenticator(key: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let status = [MTPAckStatus.stored, .duplicate, .refused].randomElement(using: &generator)!
            let device = UInt32.random(in: 1...UInt32.max, using: &generator)
            let seq = UInt32.random(in: 0...UInt32.max, using: &generator)
            let bytes = MTPCodec.encodeAck(device: device, seq: seq, status: status, authenticator: auth)
            let ack = try bytes.withUnsafeBytes { try MTPCodec.verifyAck($0, authenticator: auth) }
            #expect(ack.device == device && ack.seq == seq && ack.status == status.rawValue)
        }
    }
}
