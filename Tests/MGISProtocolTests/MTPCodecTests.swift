import MGISCore
import MGISProtocol
import Testing

@Suite struct MTPCodecTests {
    static func bytes(_ hex: String) -> [UInt8] { Hex.decode(hex)! }

    static let vilnius = Fix(
        timeMillis: 1_764_000_000_250, latE7: 546_872_000, lonE7: 252_797_000, speedCmS: 1_389,
        headingCentiDeg: 9_000, altitudeM: 112, hdopTenths: 9, satellites: 11,
        flags: [.fixValid, .ignition, .externalPower, .moving], batteryPercent: 87
    )

    @Test func testKnownAnswerDecodesToTheValuesItWasBuiltFrom() throws {
        let vector = MTPKnownAnswers.datagrams[0]
        let data = Self.bytes(vector.bytesHex)
        let auth = MTPAuthenticator(key: Self.bytes(vector.keyHex))
        try data.withUnsafeBytes { raw in
            let header = try MTPCodec.parseHeader(raw)
            #expect(header.kind == .positions)
            #expect(header.device == 42)
            #expect(header.seq == 1)
            #expect(header.count == 1)
            try MTPCodec.verifyTag(raw, header: header, authenticator: auth)
            #expect(try MTPCodec.decodeRecords(raw, header: header) == [Self.vilnius])
        }
    }

    @Test func testEncoderReproducesIndependentBytes() throws {
        let vector = MTPKnownAnswers.datagrams[0]
        let auth = MTPAuthenticator(key: Self.bytes(vector.keyHex))
        let encoded = MTPCodec.encode(device: 42, seq: 1, fixes: [Self.vilnius], authenticator: auth)
        #expect(Hex.encode(encoded) == vector.bytesHex)
    }

    @Test(arguments: MTPKnownAnswers.datagrams.map(\.name))
    func testEveryKnownDatagramVerifiesAndReencodesIdentically(name: String) throws {
        let vector = MTPKnownAnswers.datagrams.first { $0.name == name }!
        let data = Self.bytes(vector.bytesHex)
        let auth = MTPAuthenticator(key: Self.bytes(vector.keyHex))
        try data.withUnsafeBytes { raw in
            let header = try MTPCodec.parseHeader(raw)
            try MTPCodec.verifyTag(raw, header: header, authenticator: auth)
            let fixes = try MTPCodec.decodeRecords(raw, header: header)
            #expect(fixes.count == Int(header.count))
            let again = MTPCodec.encode(device: header.device, seq: header.seq, fixes: fixes, authenticator: auth)
            #expect(again == data)
        }
    }

    @Test func testExtremesDecodeToSentinelsAndBounds() throws {
        let data = Self.bytes(MTPKnownAnswers.datagrams[1].bytesHex)
        try data.withUnsafeBytes { raw in
            let header = try MTPCodec.parseHeader(raw)
            #expect(header.device == UInt32.max && header.seq == UInt32.max)
            let fixes = try MTPCodec.decodeRecords(raw, header: header)
            #expect(fixes[0].speedMetersPerSecond == nil)
            #expect(fixes[0].headingDegrees == nil)
            #expect(fixes[0].altitudeMeters == nil)
            #expect(fixes[0].hdop == nil)
            #expect(fixes[0].battery == nil)
            #expect(fixes[0].latitude == -90 && fixes[0].longitude == -180)
            #expect(fixes[1].timeMillis == 4_294_967_295_990)
            #expect(fixes[1].headingDegrees == 359.99)
            #expect(fixes[1].flags.rawValue == 0xFFFF)
        }
    }

    @Test(arguments: MTPKnownAnswers.acks.map(\.name))
    func testAckEncodingMatchesIndependentBytes(name: String) throws {
        let vector = MTPKnownAnswers.acks.first { $0.name == name }!
        let data = Self.bytes(vector.bytesHex)
        let auth = MTPAuthenticator(key: Self.bytes(vector.keyHex))
        let ack = try data.withUnsafeBytes { try MTPCodec.verifyAck($0, authenticator: auth) }
        let status = try #require(MTPAckStatus(rawValue: ack.status))
        #expect(MTPCodec.encodeAck(device: ack.device, seq: ack.seq, status: status, authenticator: auth) == data)
    }

    @Test func testAckWithAnotherKeyFailsVerification() {
        let vector = MTPKnownAnswers.acks[0]
        let other = MTPAuthenticator(key: [UInt8](repeating: 9, count: 32))
        #expect(throws: MTPError.badTag) {
            try Self.bytes(vector.bytesHex).withUnsafeBytes { _ = try MTPCodec.verifyAck($0, authenticator: other) }
        }
    }
}
