import Foundation
import MGISTrace
import Testing

@Suite struct TraceRoundTripTests {
    @Test func testManyRecordsReadBackExactly() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("run.mgtr")
            let records = TraceSamples.records(count: 2_000)
            let writer = try TraceWriter(path: path, startMillis: 1_764_000_000_000, label: "night shift ✓", bufferBytes: 1000)
            for record in records { try writer.append(record) }
            try writer.close()

            let (header, read) = try TraceReader.readAll(path: path)
            #expect(header == TraceHeader(startMillis: 1_764_000_000_000, label: "night shift ✓", segment: 0))
            #expect(read == records)
            #expect(TraceSegments.existing(base: path) == [path])
        }
    }

    @Test func testHeaderBytesAreAsDocumented() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("empty.mgtr")
            let writer = try TraceWriter(path: path, startMillis: 0x0102_0304_0506_0708, label: "ab")
            try writer.close()
            let bytes = try FileBytes.read(path)
            // "MGTR", version 1, flags 0, start, segment 0, label length 2, "ab", CRC-32.
            let body: [UInt8] = [0x4D, 0x47, 0x54, 0x52, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 2, 0x61, 0x62]
            #expect(Array(bytes.prefix(20)) == body)
            let crc = CRC32.checksum(body)
            #expect(Array(bytes.suffix(4)) == [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
            #expect(bytes.count == 24)
        }
    }

    @Test func testRecordBytesAreAsDocumented() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("one.mgtr")
            let writer = try TraceWriter(path: path, startMillis: 0, label: "")
            try writer.append(TraceRecord(arrivalMicros: 300, kind: .teltonikaUDP, source: .ipv4(address: 0x7F00_0001, port: 5027), payload: [0xAA, 0xBB]))
            try writer.close()
            let record = Array(try FileBytes.read(path).dropFirst(22))
            // zigzag(300) = 600 = 0xD8 0x04 in LEB128; kind 2; family 4, 127.0.0.1, port 5027; length 2.
            let body: [UInt8] = [0xD8, 0x04, 2, 4, 127, 0, 0, 1, 0x13, 0xA3, 0, 2, 0xAA, 0xBB]
            #expect(Array(record.prefix(4)) == [0, 0, 0, UInt8(body.count)])
            #expect(Array(record[4..<(4 + body.count)]) == body)
            #expect(record.count == 4 + body.count + 4)
        }
    }

    @Test func testRotationSplitsAtMaxBytesAndConcatenatesToTheInput() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("rot.mgtr")
            try FileBytes.write([1, 2, 3], to: path + ".7")  // a stale segment of nothing: ignored
            try FileBytes.write([1, 2, 3], to: path + ".1")  // a stale segment: must be replaced
            let records = TraceSamples.records(count: 500)
            let writer = try TraceWriter(path: path, startMillis: 42, label: "rotating", maxBytes: 4_096)
            for record in records { try writer.append(record) }
            try writer.close()

            let files = TraceSegments.existing(base: path)
            #expect(files.count > 10)
            #expect(files.count == Int(writer.segment) + 1)
            var all: [TraceRecord] = []
            for (index, file) in files.enumerated() {
                let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? .max
                #expect(size <= 4_096)
                let (header, part) = try TraceReader.readAll(path: file)
                #expect(header.segment == UInt16(index))
                #expect(!part.isEmpty)
                all += part
            }
            #expect(all == records)
            #expect(try TraceReader.readRecording(base: path).records == records)
        }
    }

    @Test func testAnOversizeRecordGetsASegmentOfItsOwn() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("big.mgtr")
            let small = TraceRecord(arrivalMicros: 1, kind: .mtp, source: .unspecified, payload: [1])
            let big = TraceRecord(arrivalMicros: 2, kind: .mtp, source: .unspecified, payload: Array(repeating: 7, count: 2_000))
            let writer = try TraceWriter(path: path, startMillis: 0, maxBytes: 100)
            for record in [small, big, small] { try writer.append(record) }
            try writer.close()
            #expect(TraceSegments.existing(base: path).count == 3)
            #expect(try TraceReader.readRecording(base: path).records == [small, big, small])
        }
    }

    @Test func testPayloadLargerThanUDPIsRefused() throws {
        try TemporaryDirectory.with { dir in
            let writer = try TraceWriter(path: dir.file("x.mgtr"), startMillis: 0)
            let huge = TraceRecord(arrivalMicros: 0, kind: .mtp, source: .unspecified, payload: Array(repeating: 0, count: 65_508))
            #expect(throws: TraceWriteError.self) { try writer.append(huge) }
            try writer.close()
        }
    }

    @Test func testSourceAddressesPrint() {
        #expect(TraceSourceAddress.ipv4(address: 0xC000_0201, port: 5055).description == "192.0.2.1:5055")
        #expect(TraceSourceAddress.ipv6(address: 1, port: 80).description == "[0:0:0:0:0:0:0:1]:80")
        #expect(TraceSourceAddress.unspecified.description == "-")
    }
}
