/// One bad row (CSV) or feature (GeoJSON) of an import.
public struct ImportIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// CSV: the 1-based line where the record starts (the header is line 1).
    /// GeoJSON: the 0-based index of the feature in `features`; −1 for the document itself.
    public var row: Int
    /// The column or property name, e.g. `lat`, `value_eur`; empty for the whole row.
    public var field: String
    public var message: String

    public init(row: Int, field: String, message: String) {
        self.row = row
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? "row \(row): \(message)" : "row \(row), \(field): \(message)" }
}
