/// A bounds-checked big-endian cursor over received bytes.
///
/// Unlike the MTP codec, Teltonika lengths are only known while parsing (IO counts, NX lengths),
/// so every read checks its bounds and throws `truncated` rather than trapping. Only valid while
/// the buffer it reads is: use it within one decode call.
struct TeltonikaReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - offset }

    mutating func uint8() throws(TeltonikaError) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes.readUInt8(at: offset)
    }

    mutating func uint16() throws(TeltonikaError) -> UInt16 {
        try need(2)
        defer { offset += 2 }
        return bytes.readUInt16(at: offset)
    }

    mutating func uint32() throws(TeltonikaError) -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return bytes.readUInt32(at: offset)
    }

    mutating func uint64() throws(TeltonikaError) -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return bytes.readUInt64(at: offset)
    }

    mutating func bytes(_ count: Int) throws(TeltonikaError) -> [UInt8] {
        try need(count)
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    private func need(_ count: Int) throws(TeltonikaError) {
        guard count <= end - offset else { throw .truncated }
    }
}
