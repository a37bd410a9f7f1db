/// Big-endian reads from raw bytes, for the codecs.
///
/// Callers check lengths before reading; these do no bounds checks of their own beyond the
/// buffer's debug-mode precondition.
extension UnsafeRawBufferPointer {
    @inlinable
    func readUInt8(at offset: Int) -> UInt8 {
        self[offset]
    }

    @inlinable
    func readUInt16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) << 8 | UInt16(self[offset + 1])
    }

    @inlinable
    func readUInt32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16 | UInt32(self[offset + 2]) << 8
            | UInt32(self[offset + 3])
    }

    @inlinable
    func readUInt64(at offset: Int) -> UInt64 {
        UInt64(readUInt32(at: offset)) << 32 | UInt64(readUInt32(at: offset + 4))
    }

    @inlinable
    func readUInt(bytes count: Int, at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<count {
            value = value << 8 | UInt64(self[offset + index])
        }
        return value
    }
}

/// Big-endian appends, for the encoders.
extension Array where Element == UInt8 {
    @inlinable
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var big = value.bigEndian
        Swift.withUnsafeBytes(of: &big) { append(contentsOf: $0) }
    }
}
