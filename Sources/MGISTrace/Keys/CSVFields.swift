/// Splits one CSV line into fields (RFC 4180 quoting, no line breaks inside fields), as the
/// load tester's key file reader does; spreadsheets quote fields freely.
enum CSVFields {
    /// The fields of `line`, or `nil` when a quoted field is not closed.
    static func split(_ line: Substring) -> [String]? {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var index = line.startIndex
        while index < line.endIndex {
            let char = line[index]
            index = line.index(after: index)
            if inQuotes {
                if char == "\"" {
                    // A doubled quote inside quotes is a literal quote; a single one closes.
                    if index < line.endIndex, line[index] == "\"" {
                        current.append("\"")
                        index = line.index(after: index)
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(char)
                }
            } else if char == "," {
                fields.append(current)
                current = ""
            } else if char == "\"", current.isEmpty {
                inQuotes = true
            } else {
                current.append(char)
            }
        }
        guard !inQuotes else { return nil }
        fields.append(current)
        return fields
    }

    /// `field` quoted if it holds a comma, quote or surrounding space, else unchanged.
    static func escape(_ field: String) -> String {
        let needsQuotes = field.contains(",") || field.contains("\"") || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        var out = "\""
        for char in field {
            out += char == "\"" ? "\"\"" : String(char)
        }
        return out + "\""
    }
}
