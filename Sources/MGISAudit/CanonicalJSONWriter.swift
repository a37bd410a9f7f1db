/// Writes the canonical JSON of audit events (see `AuditEvent.canonicalBytes()`): no
/// whitespace, members in the order the caller gives (callers give them sorted), strings and
/// integers in exactly one spelling each.
///
/// Hand-written rather than `JSONEncoder`, whose spacing, escaping and key order are not
/// promised to stay the same across Foundation versions; these bytes are hashed forever.
struct CanonicalJSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Starts a member of the open object; the caller writes its value next.
    mutating func member(_ key: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func integer(_ value: Int64) {
        // Swift's decimal description is exactly the canonical form ("-", digits, no leading
        // zeros); up to 15 digits it is a small string, so this does not allocate.
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func integer(_ value: Int) {
        integer(Int64(value))
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func stringArray(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (offset, value) in values.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A string-to-string object, keys in UTF-8 byte order; values under `redacting` keys
    /// (compared lower-cased) are replaced.
    mutating func stringMap(_ map: [String: String], redacting: Set<String>) {
        bytes.append(UInt8(ascii: "{"))
        let keys = map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (offset, key) in keys.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            string(key)
            bytes.append(UInt8(ascii: ":"))
            string(redacting.contains(key.lowercased()) ? AuditEvent.redactedValue : map[key] ?? "")
        }
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }
}
