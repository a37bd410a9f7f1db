/// An RFC 4180 CSV reader: comma-separated fields, fields in double quotes may hold commas,
/// line breaks and doubled quotes (`""` for `"`); records end in CRLF or LF.
///
/// Strict where the RFC is: a quote inside an unquoted field, text after a closing quote,
/// or a quoted field left open is an error naming the line it starts on.
struct CSVReader {
    /// One record and the 1-based line it starts on.
    struct Record {
        var line: Int
        var fields: [String]
    }

    struct Failure: Error {
        var line: Int
        var message: String
    }

    /// The records of `text`, skipping records that are one empty field (blank lines).
    static func records(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
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
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
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
                case UInt8(ascii: "\r") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n"):
                    break  // the LF ends the record
                case UInt8(ascii: "\n"):
                    endRecord()
                    line += 1
                    recordLine = line
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !wasQuoted else {
                        throw Failure(line: line, message: "a quote inside an unquoted field; quote the whole field and double inner quotes")
                    }
                    quoted = true
                default:
                    guard !wasQuoted else {
                        throw Failure(line: line, message: "text after a closing quote; a quoted field must end at a comma or line end")
                    }
                    field.append(byte)
                }
            }
            i += 1
        }
        if quoted { throw Failure(line: recordLine, message: "a quoted field is not closed before the end of the file") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
