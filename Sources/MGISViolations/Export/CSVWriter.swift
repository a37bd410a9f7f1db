import MGISCore

/// Writes tables as RFC 4180 CSV: fields holding a comma, a quote, CR or LF are quoted and
/// their quotes doubled; records end in CRLF. Numbers use Swift's shortest exact form,
/// absent values are empty fields.
public enum CSVWriter {
    /// The whole table, header first.
    public static func write(_ table: ExportTable) -> String {
        var out = ""
        out += record(table.columns)
        for row in table.rows {
            out += record(row.values.map(text))
        }
        return out
    }

    /// One record, CRLF-terminated (the shared `CSV.record`, kept here for callers of the export API).
    public static func record(_ fields: [String]) -> String {
        CSV.record(fields)
    }

    /// `field`, quoted when RFC 4180 requires it (the shared `CSV.quoted`).
    public static func quoted(_ field: String) -> String {
        CSV.quoted(field)
    }

    static func text(_ value: ExportValue) -> String {
        switch value {
        case .int(let i): String(i)
        case .double(let d): d.isFinite ? "\(d)" : ""
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .null: ""
        }
    }
}
