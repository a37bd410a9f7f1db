import MGISCore

/// A minimal JSON writer into UTF-8 bytes for the live feed's frames.
///
/// Hand-written rather than `JSONEncoder` because it runs on every tick for every distinct
/// filter: it appends straight into one buffer, and prints fixed-point numbers from the
/// integers trackers send, so `lat`/`lon` always show their seven decimals exactly.
struct FeedJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far. The writer only emits valid UTF-8, so decoding never repairs anything.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends JSON syntax or a key known at compile time, unescaped.
    mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes already written by another `FeedJSONWriter`.
    mutating func raw(_ slice: ArraySlice<UInt8>) {
        bytes.append(contentsOf: slice)
    }

    /// Appends a quoted string, escaping quotes, backslashes and control characters.
    ///
    /// Everything else, including non-ASCII, is copied as UTF-8, which JSON allows.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0xF))
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends an integer.
    mutating func int(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        unsigned(value.magnitude, minimumDigits: 1)
    }

    /// Appends `value / 10^decimals` with exactly `decimals` fraction digits, e.g. (546872000, 7) -> `54.6872000`.
    mutating func fixedPoint(_ value: Int64, decimals: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let magnitude = value.magnitude
        unsigned(magnitude / scale, minimumDigits: 1)
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        unsigned(magnitude % scale, minimumDigits: decimals)
    }

    /// Appends `null`.
    mutating func null() {
        raw("null")
    }

    /// Appends a quoted RFC 3339 UTC timestamp with milliseconds.
    mutating func timestamp(millis: Int64) {
        bytes.append(UInt8(ascii: "\""))
        RFC3339.append(millis: millis, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the decimal digits of `value`, left-padded with zeros to `minimumDigits`.
    mutating func unsigned(_ value: UInt64, minimumDigits: Int) {
        DecimalDigits.append(value, minimumDigits: minimumDigits, to: &bytes)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
