/// RFC 4180 CSV, read and written the same way by every importer and exporter: violation
/// imports and exports, task reports and fleet key files.
///
/// Fields are separated by commas; a field in double quotes may hold commas, line breaks and
/// doubled quotes (`""` for `"`); records end in CRLF when written and in CRLF or LF when read.
///
/// Exports for people (`record`) neutralise formulas: a spreadsheet runs a cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return, so a unit named `=HYPERLINK(...)` would become
/// a live link in the dispatcher's report. Such a cell gets a leading `'` (OWASP's rule), unless
/// it is a plain number such as `-12.5`, which stays a number.
public enum CSV {
    /// `field` safe to open in a spreadsheet: prefixed with `'` when it starts with a formula
    /// character and is not a plain decimal number.
    public static func neutralised(_ field: String) -> String {
        guard let first = field.utf8.first, Self.formulaStarts.contains(first), !isPlainNumber(field) else { return field }
        return "'" + field
    }

    private static let formulaStarts: Set<UInt8> = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r"),
    ]

    /// An optional sign, digits with at most one decimal point, an optional exponent: `-12.5`,
    /// `+3`, `-1e-7`. Nothing a spreadsheet could take for a formula.
    static func isPlainNumber(_ field: String) -> Bool {
        var bytes = Substring(field).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let mantissa = bytes.prefix { isDigit($0) || $0 == UInt8(ascii: ".") }
        guard mantissa.contains(where: isDigit), mantissa.filter({ $0 == UInt8(ascii: ".") }).count <= 1 else { return false }
        bytes = bytes.dropFirst(mantissa.count)
        guard let e = bytes.first else { return true }
        guard e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { return false }
        bytes = bytes.dropFirst()
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// `field`, quoted (inner quotes doubled) when it holds a comma, a quote, CR or LF, else as it is.
    public static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n")
        }
        guard needsQuotes else { return field }
        // Byte by byte, not by Character: a quote followed by a combining mark (U+0301, ...) is
        // one Character that is not `"`, so `replacing` left it single, and the reader (which
        // reads bytes, as spreadsheets do) ended the field there (found by Fuzz/Targets/violations-csv).
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in field.utf8 {
            quoted.append(byte)
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }

    /// One record: the fields neutralised and quoted as needed, separated by commas, ended by CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map { quoted(neutralised($0)) }.joined(separator: ",") + "\r\n"
    }

    /// The records of `text` with the 1-based line each starts on; blank lines are skipped.
    ///
    /// Strict where the RFC is: a quote inside an unquoted field or text after a closing quote is
    /// an error naming its line. `lenientQuotes` instead keeps such text as it is (`a"b` reads as
    /// `a"b`, `"a" ` as `a `), as hand-edited files such as fleet key files need. A quoted field
    /// left open is an error naming the line it starts on either way. A CR is a line end only
    /// before an LF or at the end of the text.
    public static func records(_ text: String, lenientQuotes: Bool = false) throws(CSVError) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoted = false  // inside a quoted field
        var wasQuoted = false  // the current field was quoted and has been closed
        let bytes = Array(text.utf8)
        var i = 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while i < bytes.count {
            let byte = bytes[i]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        i += 1
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: ","):
                    endField()
                case UInt8(ascii: "\r") where i + 1 == bytes.count || bytes[i + 1] == UInt8(ascii: "\n"):
                    break  // the LF (or the end of the text) ends the record
                case UInt8(ascii: "\n"):
                    endRecord()
                    line += 1
                    recordLine = line
                case UInt8(ascii: "\"") where field.isEmpty && !wasQuoted:
                    quoted = true
                case UInt8(ascii: "\"") where !lenientQuotes:
                    throw CSVError(line: line, message: "a quote inside an unquoted field; quote the whole field and double inner quotes")
                default:
                    guard !wasQuoted || lenientQuotes else {
                        throw CSVError(line: line, message: "text after a closing quote; a quoted field must end at a comma or line end")
                    }
                    field.append(byte)
                }
            }
            i += 1
        }
        if quoted { throw CSVError(line: recordLine, message: "unterminated quoted field: it is not closed before the end of the file") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
