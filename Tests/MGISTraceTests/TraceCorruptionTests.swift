import MGISTrace
import Testing

/// Each damage is refused with its byte offset; offsets are computed here from the documented
/// layout: a 22-byte header (empty label), then records of 13 + payload bytes (1-byte varint,
/// kind, family 0, payload length, payload, with the 4-byte length and CRC around them).
@Suite struct TraceCorruptionTests {
    static let records = [10, 20, 30].enumerated().map { index, size in
        TraceRecord(arrivalMicros: Int64(index + 1), kind: .mtp, source: .unspecified, payload: Array(repeating: UInt8(index), count: size))
    }
    static let recordOffsets: [Int64] = [22, 22 + 23, 22 + 23 + 33]
    static let fileLength = 22 + 23 + 33 + 43

    func writeSample(_ dir: TemporaryDirectory) throws -> (path: String, bytes: [UInt8]) {
        let path = dir.file("sample.mgtr")
        let writer = try TraceWriter(path: path, startMillis: 1_000, label: "")
        for record in Self.records { try writer.append(record) }
        try writer.close()
        let bytes = try FileBytes.read(path)
        #expect(bytes.count == Self.fileLength)
        return (path, bytes)
    }

    func damage(_ change: (inout [UInt8]) -> Void) throws -> (error: TraceFormatError?, intact: [TraceRecord]) {
        try TemporaryDirectory.with { dir in
            var (path, bytes) = try writeSample(dir)
            change(&bytes)
            try FileBytes.write(bytes, to: path)
            do {
                var reader = try TraceReader(path: path)
                let (intact, error) = reader.readIntactPrefix()
                return (error, intact)
            } catch {
                return (error as? TraceFormatError, [])
            }
        }
    }

    @Test func testBadMagicIsRefusedAtOffsetZero() throws {
        let result = try damage { $0[0] = UInt8(ascii: "X") }
        #expect(result.error?.reason == .badMagic)
        #expect(result.error?.offset == 0)
        #expect(result.error?.description.contains("sample.mgtr: byte offset 0") == true)
    }

    @Test func testUnknownVersionIsRefusedAtOffsetFour() throws {
        let result = try damage { $0[4] = 2 }
        #expect(result.error?.reason == .unsupportedVersion(2))
        #expect(result.error?.offset == 4)
    }

    @Test func testHeaderDamageIsCaughtByItsCRC() throws {
        let result = try damage { $0[10] ^= 0x01 }  // inside the start time
        guard case .badHeaderCRC = result.error?.reason else {
            Issue.record("expected a header CRC error, got \(String(describing: result.error))")
            return
        }
        #expect(result.error?.offset == 18)
    }

    @Test func testTruncatedTailKeepsTheIntactPrefix() throws {
        let result = try damage { $0.removeLast(3) }
        #expect(result.error?.reason == .truncatedRecord)
        #expect(result.error?.offset == Self.recordOffsets[2])
        #expect(result.intact == Array(Self.records.prefix(2)))
    }

    @Test func testTornLengthFieldIsATruncatedRecord() throws {
        let result = try damage { $0.removeLast(Self.fileLength - Int(Self.recordOffsets[2]) - 2) }
        #expect(result.error?.reason == .truncatedRecord)
        #expect(result.error?.offset == Self.recordOffsets[2])
    }

    @Test func testFlippedPayloadBitIsABadCRC() throws {
        let result = try damage { $0[Int(Self.recordOffsets[1]) + 12] ^= 0x80 }
        guard case .badCRC = result.error?.reason else {
            Issue.record("expected a CRC error, got \(String(describing: result.error))")
            return
        }
        #expect(result.error?.offset == Self.recordOffsets[1])
        #expect(result.intact == [Self.records[0]])
    }

    @Test func testOversizeLengthIsRefusedBeforeReading() throws {
        let result = try damage { bytes in
            let at = Int(Self.recordOffsets[1])
            bytes.replaceSubrange(at..<(at + 4), with: [0x00, 0xFF, 0xFF, 0xFF])
        }
        #expect(result.error?.reason == .oversizeRecord(length: 0x00FF_FFFF))
        #expect(result.error?.offset == Self.recordOffsets[1])
    }

    @Test func testUnknownKindUnderAValidCRCNamesTheField() throws {
        let result = try damage { bytes in
            let at = Int(Self.recordOffsets[0])
            bytes[at + 5] = 9  // kind, after length(4) and varint(1)
            let crc = CRC32.checksum(bytes[at..<(at + 4 + 15)])
            bytes.replaceSubrange((at + 19)..<(at + 23), with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        }
        #expect(result.error?.reason == .malformedRecord("unknown port kind 9"))
        #expect(result.error?.offset == Self.recordOffsets[0] + 5)
    }

    @Test func testAnErrorRepeatsOnTheNextRead() throws {
        try TemporaryDirectory.with { dir in
            var (path, bytes) = try writeSample(dir)
            bytes.removeLast()
            try FileBytes.write(bytes, to: path)
            var reader = try TraceReader(path: path)
            _ = try reader.next()
            _ = try reader.next()
            #expect(throws: TraceFormatError.self) { try reader.next() }
            #expect(throws: TraceFormatError.self) { try reader.next() }
        }
    }

    @Test func testSegmentsOfAnotherRecordingAreRefused() throws {
        try TemporaryDirectory.with { dir in
            let first = dir.file("a.mgtr")
            let other = dir.file("b.mgtr")
            for (path, start) in [(first, Int64(1)), (other, Int64(2))] {
                let writer = try TraceWriter(path: path, startMillis: start, maxBytes: 60)
                for record in Self.records { try writer.append(record) }
                try writer.close()
            }
            try FileBytes.write(try FileBytes.read(other + ".1"), to: first + ".1")
            #expect {
                try TraceReader.readRecording(base: first)
            } throws: { error in
                guard let error = error as? TraceFormatError, case .segmentMismatch = error.reason else { return false }
                return error.file == first + ".1"
            }
        }
    }

    @Test func testMissingFileIsUnreadable() {
        #expect(throws: TraceFormatError.self) { try TraceReader(path: "/nonexistent/trace.mgtr") }
    }
}
