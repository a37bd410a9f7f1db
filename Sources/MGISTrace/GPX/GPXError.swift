/// Why a GPX file was refused, with the line (and for XML errors the column) at fault.
public struct GPXError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line of the input.
    public var line: Int
    /// 1-based column (in characters) for malformed XML; `nil` for GPX content errors, which
    /// name the line of the element at fault.
    public var column: Int?
    public var message: String

    public init(line: Int, column: Int? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        column.map { "GPX line \(line), column \($0): \(message)" } ?? "GPX line \(line): \(message)"
    }
}
