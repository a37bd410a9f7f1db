/// The patrol's one-word summary of a task, which decides what else the result must contain.
public enum TaskOutcome: String, CaseIterable, Codable, Hashable, Sendable {
    /// Nothing found: the result records no violation.
    case noFindings = "no_findings"
    /// Requires at least one violation in the result.
    case violationsFound = "violations_found"
    /// Requires findings or notes saying why.
    case notPerformed = "not_performed"
    case other
}
