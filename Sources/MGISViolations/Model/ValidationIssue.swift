/// One problem with one field of a violation draft.
public struct ValidationIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The field, named as the import columns name it (`time`, `location`, `plate`...).
    public var field: ViolationField
    /// What is wrong and what is allowed.
    public var message: String

    public init(field: ViolationField, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field.rawValue): \(message)" }
}
