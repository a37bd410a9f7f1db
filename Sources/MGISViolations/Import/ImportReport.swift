/// Why an import was refused: every problem found, so the file can be fixed in one go.
/// Imports are all or nothing: when there is any issue, no draft is returned.
public struct ImportReport: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var issues: [ImportIssue]

    public init(issues: [ImportIssue]) {
        self.issues = issues
    }

    /// The distinct rows with issues, ascending.
    public var badRows: [Int] { Array(Set(issues.map(\.row))).sorted() }

    public var description: String {
        "import refused, \(issues.count) issue(s): " + issues.map(\.description).joined(separator: "; ")
    }
}
