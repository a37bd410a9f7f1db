/// One thing wrong with submitted data: where (`field`, a path such as `violations[1].location`)
/// and what, in words a dispatcher's client can show next to the field.
public struct ValidationIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The path of the offending field, in the JSON names of the data.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
