/// One value of an exported row.
public enum ExportValue: Hashable, Sendable {
    case int(Int64)
    case double(Double)
    case string(String)
    case bool(Bool)
    case null

    /// An optional number, `null` when absent.
    static func optional(_ value: Double?) -> ExportValue { value.map(ExportValue.double) ?? .null }
}
