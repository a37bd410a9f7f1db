/// Writes RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, a quote, CR or LF,
/// quotes inside doubled.
struct CSVWriter {
    private(set) var text = ""

    mutating func row(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\r\n"
    }

    static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
        guard needsQuotes else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
