/// Turns headers and records into the bytes docs/TRACE.md describes.
///
/// Pure functions: the writer owns files and buffering, this owns the layout, so the tests and
/// the reader's corruption checks can build exact bytes without touching a disk.
enum TraceEncoder {
    /// The complete header, CRC included. The label must already be checked for length.
    static func header(_ header: TraceHeader) -> [UInt8] {
        let label = Array(header.label.utf8)
        var out: [UInt8] = TraceLayout.magic
        out.reserveCapacity(TraceLayout.fixedHeaderLength + label.count + TraceLayout.crcLength)
        out.append(TraceLayout.version)
        out.append(0)  // flags: none defined in version 1
        out.appendBigEndian(header.startMillis)
        out.appendBigEndian(header.segment)
        out.appendBigEndian(UInt16(label.count))
        out.append(contentsOf: label)
        out.appendBigEndian(CRC32.checksum(out))
        return out
    }

    /// One complete record (length, body, CRC); `previousMicros` is the arrival time of the
    /// record before it in the same file, or 0 for the file's first record.
    static func record(_ record: TraceRecord, previousMicros: Int64) -> [UInt8] {
        var out: [UInt8] = [0, 0, 0, 0]
        out.reserveCapacity(record.payload.count + 40)
        out.appendVarint(ZigZag.encode(record.arrivalMicros &- previousMicros))
        out.append(record.kind.rawValue)
        switch record.source {
        case .unspecified:
            out.append(TraceLayout.familyUnspecified)
        case .ipv4(let address, let port):
            out.append(TraceLayout.familyIPv4)
            out.appendBigEndian(address)
            out.appendBigEndian(port)
        case .ipv6(let address, let port):
            out.append(TraceLayout.familyIPv6)
            out.appendBigEndian(address)
            out.appendBigEndian(port)
        }
        out.appendBigEndian(UInt16(record.payload.count))
        out.append(contentsOf: record.payload)
        let bodyLength = UInt32(out.count - TraceLayout.lengthFieldLength)
        out[0] = UInt8(truncatingIfNeeded: bodyLength >> 24)
        out[1] = UInt8(truncatingIfNeeded: bodyLength >> 16)
        out[2] = UInt8(truncatingIfNeeded: bodyLength >> 8)
        out[3] = UInt8(truncatingIfNeeded: bodyLength)
        out.appendBigEndian(CRC32.checksum(out))
        return out
    }
}
