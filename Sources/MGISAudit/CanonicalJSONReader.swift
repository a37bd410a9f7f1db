#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads canonical JSON back, accepting only what `CanonicalJSONWriter` writes: no whitespace,
/// object keys strictly ascending, one spelling per string and integer. So any byte change to
/// a stored event either fails here or decodes to a different event.
///
/// Works on a borrowed buffer: use it only inside the `withUnsafeBytes` that lent it.
struct CanonicalJSONReader {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "byte \(offset): \(reason)" }
    }

    private let buffer: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    var isAtEnd: Bool { offset == buffer.count }

    func fail(_ reason: String) -> Failure { Failure(offset: offset, reason: reason) }

    func peek() -> UInt8? { offset < buffer.count ? buffer[offset] : nil }

    mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
        offset += 1
    }

    /// Reads `{` and calls `member` for each key (as raw UTF-8 bytes, already checked to be in
    /// strictly ascending order), positioned at its value; then reads `}`.
    mutating func readObject(_ member: (inout CanonicalJSONReader, [UInt8]) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        var previous: [UInt8]?
        if peek() == UInt8(ascii: "}") {
            offset += 1
            return
        }
        while true {
            let key = try readStringBytes()
            if let previous, !previous.lexicographicallyPrecedes(key) { throw fail("keys out of order or repeated") }
            previous = key
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            if peek() == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    mutating func readString() throws -> String {
        // Fast path, the common case: no escapes, so the string is a slice of the buffer.
        try expect(UInt8(ascii: "\""))
        let start = offset
        while offset < buffer.count {
            let byte = buffer[offset]
            if byte == UInt8(ascii: "\"") {
                let string = try string(from: UnsafeRawBufferPointer(rebasing: buffer[start..<offset]))
                offset += 1
                return string
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            offset += 1
        }
        offset = start - 1
        let bytes = try readStringBytes()
        return try bytes.withUnsafeBytes { try string(from: $0) }
    }

    /// The string of these UTF-8 bytes, refusing invalid UTF-8.
    func string(from bytes: UnsafeRawBufferPointer) throws -> String {
        var string = String(decoding: bytes, as: UTF8.self)
        // Decoding repairs invalid UTF-8; a repaired string has different bytes.
        let same = string.withUTF8 { utf8 in
            utf8.count == bytes.count && (bytes.isEmpty || memcmp(utf8.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        guard same else { throw fail("invalid UTF-8") }
        return string
    }

    mutating func readStringArray() throws -> [String] {
        try expect(UInt8(ascii: "["))
        var values: [String] = []
        if peek() == UInt8(ascii: "]") {
            offset += 1
            return values
        }
        while true {
            values.append(try readString())
            if peek() == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return values
        }
    }

    mutating func readStringMap() throws -> [String: String] {
        var map: [String: String] = [:]
        try readObject { reader, key in
            map[try key.withUnsafeBytes { try reader.string(from: $0) }] = try reader.readString()
        }
        return map
    }

    mutating func readInteger() throws -> Int64 {
        let negative = peek() == UInt8(ascii: "-")
        if negative { offset += 1 }
        let start = offset
        var value: Int64 = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw fail("integer out of range") }
            value = next
            offset += 1
        }
        let count = offset - start
        guard count > 0 else { throw fail("expected an integer") }
        guard buffer[start] != UInt8(ascii: "0") || (count == 1 && !negative) else { throw fail("non-canonical integer") }
        return value
    }

    private mutating func readStringBytes() throws -> [UInt8] {
        try expect(UInt8(ascii: "\""))
        var bytes: [UInt8] = []
        while true {
            guard let byte = peek() else { throw fail("unterminated string") }
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return bytes
            case UInt8(ascii: "\\"):
                bytes.append(try readEscape())
            case 0x00..<0x20:
                throw fail("unescaped control character")
            default:
                bytes.append(byte)
            }
        }
    }

    /// The byte an escape stands for, accepting only the spelling the writer uses for it.
    private mutating func readEscape() throws -> UInt8 {
        guard let byte = peek() else { throw fail("unterminated escape") }
        offset += 1
        switch byte {
        case UInt8(ascii: "\""): return UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): return UInt8(ascii: "\\")
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "u"):
            guard offset + 4 <= buffer.count, buffer[offset] == UInt8(ascii: "0"), buffer[offset + 1] == UInt8(ascii: "0"),
                let high = Self.lowerHexDigit(buffer[offset + 2]), let low = Self.lowerHexDigit(buffer[offset + 3])
            else { throw fail("non-canonical \\u escape") }
            let value = high << 4 | low
            guard value < 0x20, ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(value) else {
                throw fail("non-canonical \\u escape")
            }
            offset += 4
            return value
        default:
            throw fail("unknown escape")
        }
    }

    private static func lowerHexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
