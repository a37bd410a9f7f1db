import MGISCore
import MGISProtocol
import MGISTrace
import Testing

@Suite struct MTPResignerTests {
    static let oldKeys = KeyFile(entries: [
        KeyFileEntry(id: 42, name: "a", key: Array(repeating: 1, count: 32)),
        KeyFileEntry(id: 43, name: "b", key: Array(repeating: 2, count: 32)),
    ])
    static let newKeys = KeyFile(entries: [
        KeyFileEntry(id: 42, name: "a", key: Array(repeating: 9, count: 32)),
        KeyFileEntry(id: 43, name: "b", key: Array(repeating: 8, count: 32)),
    ])

    static func fix(_ millis: Int64, _ index: Int) -> Fix {
        Fix(timeMillis: millis, latE7: 546_872_000 + Int32(index), lonE7: 252_797_000, speedCmS: 1_389, headingCentiDeg: 9_000,
            altitudeM: 112, hdopTenths: 9, satellites: 11, flags: [.fixValid, .moving], batteryPercent: 87)
    }

    /// Ten datagrams alternating between two devices, 1...3 fixes each (every third a heartbeat).
    static func datagrams(keys: KeyFile) -> [TraceRecord] {
        (0..<10).map { index in
            let device: UInt32 = index.isMultiple(of: 2) ? 42 : 43
            let fixes = index % 3 == 2 ? [] : (0...(index % 3)).map { fix(1_764_000_000_250 + Int64(index * 1000 + $0 * 10), $0) }
            let bytes = MTPCodec.encode(device: device, seq: UInt32(100 + index), fixes: fixes, authenticator: MTPAuthenticator(key: keys.key(for: device)!))
            return TraceRecord(arrivalMicros: Int64(index), kind: .mtp, source: .unspecified, payload: bytes)
        }
    }

    static func decode(_ bytes: [UInt8], key: [UInt8]) throws -> (MTPHeader, [Fix]) {
        try bytes.withUnsafeBytes { raw in
            let header = try MTPCodec.parseHeader(raw)
            try MTPCodec.verifyTag(raw, header: header, authenticator: MTPAuthenticator(key: key))
            return (header, try MTPCodec.decodeRecords(raw, header: header))
        }
    }

    @Test func testSameKeysAndNoShiftAreByteIdentical() throws {
        let resigner = try MTPResigner(targetKeys: Self.oldKeys)
        for record in Self.datagrams(keys: Self.oldKeys) {
            let out = resigner.resign(record)
            #expect(out.payload == record.payload)
            #expect(out.disposition == .rewritten)
        }
    }

    @Test func testNewKeysVerifyAndOnlyTheTagChanges() throws {
        let resigner = try MTPResigner(targetKeys: Self.newKeys, originalKeys: Self.oldKeys)
        let input = Self.datagrams(keys: Self.oldKeys)
        let output = input.map { resigner.resign($0).payload }
        for (before, after) in zip(input.map(\.payload), output) {
            #expect(after.count == before.count)
            #expect(after.dropLast(8) == before.dropLast(8))
            #expect(after.suffix(8) != before.suffix(8))
            let device = UInt32(after[4]) << 24 | UInt32(after[5]) << 16 | UInt32(after[6]) << 8 | UInt32(after[7])
            #expect(throws: Never.self) { try Self.decode(after, key: Self.newKeys.key(for: device)!) }
            #expect(throws: MTPError.badTag) { try Self.decode(after, key: Self.oldKeys.key(for: device)!) }
        }
        // Order and seq are preserved.
        #expect(try output.map { try Self.decode($0, key: Self.newKeys.key(for: $0[7] == 42 ? 42 : 43)!).0.seq } == (100..<110).map(UInt32.init))
    }

    @Test func testTimeShiftMovesEveryFixByExactlyTheShift() throws {
        let shift: Int64 = 86_400_000 * 3 + 12_340
        let resigner = try MTPResigner(targetKeys: Self.newKeys, timeShiftMillis: shift)
        for record in Self.datagrams(keys: Self.oldKeys) {
            let (oldHeader, oldFixes) = try Self.decode(record.payload, key: Self.oldKeys.key(for: record.payload[7] == 42 ? 42 : 43)!)
            let (newHeader, newFixes) = try Self.decode(resigner.resign(record).payload, key: Self.newKeys.key(for: oldHeader.device)!)
            #expect(newHeader.seq == oldHeader.seq && newHeader.device == oldHeader.device && newHeader.kind == oldHeader.kind)
            #expect(newFixes.count == oldFixes.count)
            for (old, new) in zip(oldFixes, newFixes) {
                #expect(new.timeMillis - old.timeMillis == shift)
                var back = new
                back.timeMillis = old.timeMillis
                #expect(back == old)
            }
        }
    }

    @Test func testAShiftBelowACentisecondIsRefused() {
        #expect(throws: ReplayError.self) { try MTPResigner(targetKeys: Self.newKeys, timeShiftMillis: 5) }
    }

    @Test func testUnauthenticUnknownAndMalformedPassVerbatim() throws {
        let resigner = try MTPResigner(targetKeys: Self.newKeys, originalKeys: Self.oldKeys, timeShiftMillis: 1000)
        var forged = Self.datagrams(keys: Self.oldKeys)[0].payload
        forged[forged.count - 1] ^= 1
        let stranger = MTPCodec.encode(device: 77, seq: 1, fixes: [Self.fix(1_000, 0)], authenticator: MTPAuthenticator(key: Array(repeating: 5, count: 32)))
        let junk: [UInt8] = [0x4D, 0x47, 9]
        for payload in [forged, stranger, junk] {
            let out = resigner.resign(payload, kind: .mtp)
            #expect(out.payload == payload)
            guard case .verbatim = out.disposition else {
                Issue.record("expected verbatim for \(payload.prefix(4))")
                continue
            }
        }
        let unknownToTarget = try MTPResigner(targetKeys: KeyFile(entries: [Self.newKeys.entries[0]]))
        #expect(unknownToTarget.resign(stranger, kind: .mtp).disposition == .verbatim(reason: "device 77 is not in the target key file"))
    }

    @Test func testTeltonikaTimestampsShiftToo() throws {
        let records = (0..<3).map { index in
            TeltonikaRecord(timestamp: 1_764_000_000_000 + UInt64(index) * 1_000, priority: 0, longitude: 252_797_000, latitude: 546_872_000,
                            altitude: 110, angle: 90, satellites: 9, speed: 50, eventIOID: 0, ioElements: [(id: 239, value: .uint8(1))])
        }
        let payload = TeltonikaCodec.encodeUDP(packetID: 7, avlPacketID: 3, imei: "356307042441013", avl: TeltonikaAVLData(codecID: .codec8, records: records))
        let unshifted = try MTPResigner(targetKeys: Self.newKeys).resign(payload, kind: .teltonikaUDP)
        #expect(unshifted.payload == payload)

        let shifted = try MTPResigner(targetKeys: Self.newKeys, timeShiftMillis: 3_600_000).resign(payload, kind: .teltonikaUDP)
        #expect(shifted.disposition == .rewritten)
        let packet = try shifted.payload.withUnsafeBytes { try TeltonikaCodec.decodeUDP($0) }
        #expect(packet.avl.records.map(\.timestamp) == records.map { $0.timestamp + 3_600_000 })
        #expect(packet.imei == "356307042441013" && packet.packetID == 7 && packet.avlPacketID == 3)
        #expect(shifted.payload.count == payload.count)
    }
}
