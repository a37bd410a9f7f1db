/// Submitted task data (a draft or a result) was refused. Carries every issue found, not only the
/// first, so that a form can mark all bad fields at once.
public struct TaskValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Never empty.
    public let issues: [ValidationIssue]

    public init(issues: [ValidationIssue]) {
        precondition(!issues.isEmpty, "a validation error needs at least one issue")
        self.issues = issues
    }

    /// The fields with issues, in the order they were found.
    public var fields: [String] { issues.map(\.field) }

    public var description: String {
        "invalid data: " + issues.map(\.description).joined(separator: "; ")
    }
}
