import MGISCore
import MGISProtocol
import Testing

/// Every way PROTOCOL.md calls a datagram malformed, each refused with its own reason.
@Suite struct MTPMalformedTests {
    static let key = [UInt8](repeating: 0x5A, count: 32)
    static let auth = MTPAuthenticator(key: key)
    static let fix = Fix(timeMillis: 1_764_000_000_000, latE7: 546_000_000, lonE7: 252_000_000)

    static func valid(count: Int = 1) -> [UInt8] {
        MTPCodec.encode(device: 5, seq: 1, fixes: Array(repeating: fix, count: count), authenticator: auth)
    }

    /// Re-signs after a mutation so that only the mutated field is wrong.
    static func resigned(_ bytes: [UInt8]) -> [UInt8] {
        var body = Array(bytes.dropLast(8))
        let tag = auth.tag(for: body)
        withUnsafeBytes(of: tag.bigEndian) { body.append(contentsOf: $0) }
        return body
    }

    static func refusal(_ bytes: [UInt8]) -> MTPError? {
        bytes.withUnsafeBytes { raw -> MTPError? in
            do {
                let header = try MTPCodec.parseHeader(raw)
                try MTPCodec.verifyTag(raw, header: header, authenticator: auth)
                _ = try MTPCodec.decodeRecords(raw, header: header)
                return nil
            } catch let error as MTPError {
                return error
            } catch {
                return nil
            }
        }
    }

    static func mutate(_ body: (inout [UInt8]) -> Void) -> [UInt8] {
        var bytes = valid()
        body(&bytes)
        return resigned(bytes)
    }

    static func setRecordField(_ offset: Int, _ values: [UInt8]) -> [UInt8] {
        mutate { bytes in
            for (index, value) in values.enumerated() { bytes[13 + offset + index] = value }
        }
    }

    @Test func testValidDatagramPasses() {
        #expect(Self.refusal(Self.valid()) == nil)
        #expect(Self.refusal(Self.valid(count: 50)) == nil)
    }

    @Test func testEachMalformationHasItsReason() {
        let cases: [(String, [UInt8], MTPError)] = [
            ("empty", [], .truncated),
            ("header only", Array(Self.valid().prefix(13)), .truncated),
            ("record cut short", Array(Self.valid().dropLast(1)), .truncated),
            ("one byte too many", Self.valid() + [0], .badLength),
            ("wrong magic", Self.mutate { $0[0] = 0x4E }, .wrongMagic),
            ("wrong version", Self.mutate { $0[2] = 2 }, .wrongVersion),
            ("ack kind from a tracker", Self.mutate { $0[3] = 0x81 }, .wrongKind),
            ("unknown kind", Self.mutate { $0[3] = 0x03 }, .wrongKind),
            ("count 0 positions", Self.resigned(Array(Self.valid().prefix(12)) + [0] + Array(repeating: 0, count: 8)), .badCount),
            ("count 51", Self.resigned(Array(Self.valid().prefix(12)) + [51] + Array(repeating: 0, count: 24 * 51 + 8)), .badCount),
            ("heartbeat with a record", Self.mutate { $0[3] = 0x02 }, .badCount),
            ("count says 2, one record", Self.mutate { $0[12] = 2 }, .truncated),
            ("latitude above 90", Self.setRecordField(4, [0x35, 0xA4, 0xE9, 0x01]), .latitudeOutOfRange),
            ("latitude below -90", Self.setRecordField(4, [0xCA, 0x5B, 0x16, 0xFF]), .latitudeOutOfRange),
            ("longitude above 180", Self.setRecordField(8, [0x6B, 0x49, 0xD2, 0x01]), .longitudeOutOfRange),
            ("heading 36000", Self.setRecordField(14, [0x8C, 0xA0]), .headingOutOfRange),
            ("battery 101", Self.setRecordField(22, [101]), .batteryOutOfRange),
            ("battery 254", Self.setRecordField(22, [254]), .batteryOutOfRange),
            ("centis 100", Self.setRecordField(23, [100]), .centisOutOfRange),
            ("flipped tag bit", { var b = Self.valid(); b[b.count - 1] ^= 1; return b }(), .badTag),
            ("flipped body bit", { var b = Self.valid(); b[20] ^= 0x80; return b }(), .badTag),
        ]
        for (name, bytes, expected) in cases {
            #expect(Self.refusal(bytes) == expected, "\(name)")
        }
    }

    @Test func testKeyOfAnotherDeviceFailsTag() {
        let other = MTPAuthenticator(key: [UInt8](repeating: 0x11, count: 32))
        let bytes = MTPCodec.encode(device: 5, seq: 1, fixes: [Self.fix], authenticator: other)
        #expect(Self.refusal(bytes) == .badTag)
    }

    @Test func testReservedFlagBitsAreKeptAndIgnored() throws {
        let bytes = Self.setRecordField(20, [0xFF, 0xC1])
        #expect(Self.refusal(bytes) == nil)
    }

    @Test func testRandomGarbageNeverCrashesAndIsRefused() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...1300, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if length > 4, Bool.random(using: &generator) { bytes[0] = 0x4D; bytes[1] = 0x47; bytes[2] = 1; bytes[3] = 1 }
            #expect(Self.refusal(bytes) != nil)
        }
    }
}
