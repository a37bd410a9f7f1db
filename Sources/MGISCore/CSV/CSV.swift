/// RFC 4180 CSV, read and written the same way by every importer and exporter: violation
/// imports and exports, task reports and fleet key files.
///
/// Fields are separated by commas; a field in double quotes may hold commas, line breaks and
/// doubled quotes (`""` for `"`); records end in CRLF when written and in CRLF or LF when read.
public enum CSV {
    /// `field`, quoted (inner quotes doubled) when it holds a comma, a quote, CR or LF, else as it is.
    public static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n")
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }

    /// One record: the fields quoted as needed, separated by commas, ended by CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
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
