/// Why a trace file could not be read, and exactly where.
///
/// Every error names the file and the byte offset of the field at fault, so a damaged trace
/// can be inspected with `xxd -s OFFSET` and cut at the last good record.
public struct TraceFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong at `offset`.
    public enum Reason: Hashable, Sendable {
        /// The file could not be opened or read; the system's message.
        case unreadable(String)
        /// The first four bytes are not "MGTR".
        case badMagic
        /// A version this reader does not know.
        case unsupportedVersion(UInt8)
        /// Flag bits that version 1 does not define.
        case unsupportedFlags(UInt8)
        /// The file ends inside the header.
        case truncatedHeader
        /// A label longer than `TraceLayout.maxLabelLength` or not UTF-8.
        case badLabel
        /// The header's CRC does not match its bytes.
        case badHeaderCRC(stored: UInt32, computed: UInt32)
        /// The file ends inside a record: typically a crash during writing.
        case truncatedRecord
        /// A record length above `TraceLayout.maxBodyLength`: corruption, not a record.
        case oversizeRecord(length: UInt32)
        /// A record's CRC does not match its bytes.
        case badCRC(stored: UInt32, computed: UInt32)
        /// A record whose CRC matched but whose fields do not add up (a writer bug).
        case malformedRecord(String)
        /// A segment of a rotated recording that does not continue the first file's recording.
        case segmentMismatch(String)
    }

    /// The file, as the reader was given it.
    public var file: String
    /// The byte offset in `file` of the field at fault.
    public var offset: Int64
    public var reason: Reason

    public init(file: String, offset: Int64, reason: Reason) {
        self.file = file
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        "\(file): byte offset \(offset): " + Self.explain(reason)
    }

    private static func explain(_ reason: Reason) -> String {
        switch reason {
        case .unreadable(let message): "cannot read the file: \(message)"
        case .badMagic: "not a trace file (magic is not \"MGTR\")"
        case .unsupportedVersion(let version): "trace format version \(version) is not supported (this reader knows 1)"
        case .unsupportedFlags(let flags): "header flags 0x\(String(flags, radix: 16)) are not defined in version 1"
        case .truncatedHeader: "the file ends inside the header"
        case .badLabel: "the label is longer than \(TraceLayout.maxLabelLength) bytes or not UTF-8"
        case .badHeaderCRC(let stored, let computed): "header CRC mismatch (stored \(hex(stored)), computed \(hex(computed)))"
        case .truncatedRecord: "the file ends inside a record (a torn write?); the records before it are intact"
        case .oversizeRecord(let length): "record length \(length) exceeds the maximum \(TraceLayout.maxBodyLength)"
        case .badCRC(let stored, let computed): "record CRC mismatch (stored \(hex(stored)), computed \(hex(computed)))"
        case .malformedRecord(let detail): "malformed record: \(detail)"
        case .segmentMismatch(let detail): "segment does not belong to this recording: \(detail)"
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
