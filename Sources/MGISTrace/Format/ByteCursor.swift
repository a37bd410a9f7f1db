/// A bounds-checked big-endian cursor over bytes already in memory (one record's body).
///
/// Reads return `nil` past the end instead of trapping, so a record whose length field lies
/// becomes a clear error with its offset rather than a crash.
struct ByteCursor {
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// Bytes consumed so far.
    var consumed: Int { index - bytes.startIndex }
    var remaining: Int { bytes.endIndex - index }

    mutating func uint8() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { return nil }
        var value: T = 0
        for byte in bytes[index..<(index + size)] {
            value = value << 8 | T(byte)
        }
        index += size
        return value
    }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard remaining >= count else { return nil }
        defer { index += count }
        return Array(bytes[index..<(index + count)])
    }

    /// Unsigned LEB128, at most 10 bytes (64 bits), in its shortest form.
    ///
    /// A last byte of 0 after the first (`80 00` for 0) is refused: the writer never makes one,
    /// and accepting it gave one record several encodings (found by Fuzz/Targets/trace).
    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard let byte = uint8() else { return nil }
            if shift == 63, byte > 1 { return nil }
            if shift > 0, byte == 0 { return nil }
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        return nil
    }
}
