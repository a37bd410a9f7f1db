import MGISTrace
import Testing

/// Inputs the trace fuzz target (Fuzz/Targets/trace) found, kept so they stay fixed.
@Suite struct TraceFuzzFindingsTests {
    /// A header with an empty label, then one record whose time delta is the varint `delta`
    /// (kind MTP/1, no source, a 2-byte payload), with its length and CRC right.
    static func file(delta: [UInt8]) -> [UInt8] {
        var header: [UInt8] = Array("MGTR".utf8) + [1, 0] + [0, 0, 0, 0, 0, 0, 0x03, 0xE8] + [0, 0, 0, 0]
        header += bigEndian(CRC32.checksum(header))
        let body = delta + [1, 0, 0, 2, 0xAB, 0xCD]
        let record = bigEndian(UInt32(body.count)) + body
        return header + record + bigEndian(CRC32.checksum(record))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }

    static func read(_ bytes: [UInt8]) throws -> (records: [TraceRecord], error: TraceFormatError?) {
        try TemporaryDirectory.with { dir in
            let path = dir.file("varint.mgtr")
            try FileBytes.write(bytes, to: path)
            var reader = try TraceReader(path: path)
            return reader.readIntactPrefix()
        }
    }

    /// The reader took a varint with a trailing zero group (`82 00` for 2), which the writer never
    /// makes, so one record had several encodings and re-encoding what was read changed the bytes.
    @Test func testAnOverlongTimeDeltaIsMalformed() throws {
        let canonical = try Self.read(Self.file(delta: [0x02]))
        #expect(canonical.error == nil && canonical.records.map(\.arrivalMicros) == [1])  // ZigZag 2 = +1 µs
        for overlong: [UInt8] in [[0x82, 0x00], [0x80, 0x00], [0x82, 0x80, 0x00]] {
            let result = try Self.read(Self.file(delta: overlong))
            #expect(result.records.isEmpty)
            #expect(result.error?.reason == .malformedRecord("bad arrival time varint"), "\(overlong)")
        }
    }
}
