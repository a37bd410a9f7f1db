/// A recurrence rule that cannot be expanded, with the offending field and why.
public struct RecurrenceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule's field at fault, such as `timeZoneIdentifier`.
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "invalid recurrence: \(field): \(message)" }
}
