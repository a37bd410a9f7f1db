/// Big-endian and varint appends for the trace encoder.
///
/// MGISProtocol has its own, but internal to it; these few lines are cheaper than widening
/// that module's API for another module's file format.
extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var big = value.bigEndian
        Swift.withUnsafeBytes(of: &big) { append(contentsOf: $0) }
    }

    /// Unsigned LEB128: 7 bits a byte, least significant group first, high bit = "more".
    mutating func appendVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        append(UInt8(rest))
    }
}

/// ZigZag maps signed to unsigned so small negative deltas stay short: 0, -1, 1, -2 ... become
/// 0, 1, 2, 3 ...
enum ZigZag {
    static func encode(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    static func decode(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
