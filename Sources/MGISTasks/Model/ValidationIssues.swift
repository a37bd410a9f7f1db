/// Collects issues while a validator walks a value, so every check runs and all issues are reported.
struct ValidationIssues {
    private(set) var issues: [ValidationIssue] = []

    mutating func add(_ field: String, _ message: String) {
        issues.append(ValidationIssue(field: field, message: message))
    }

    mutating func append(contentsOf other: [ValidationIssue]) {
        issues.append(contentsOf: other)
    }

    /// Checks a text's length in characters (what a user counts), adding an issue when it is outside `range`.
    /// Text made only of whitespace counts as empty, so a title of spaces is refused.
    mutating func checkText(_ text: String, _ field: String, length range: ClosedRange<Int>) {
        let count = text.allSatisfy(\.isWhitespace) ? 0 : text.count
        if count < range.lowerBound {
            add(field, range.lowerBound == 1 ? "must not be empty" : "must have at least \(range.lowerBound) characters")
        } else if count > range.upperBound {
            add(field, "must have at most \(range.upperBound) characters, has \(count)")
        }
    }

    /// Throws everything collected, if anything was.
    func throwIfAny() throws(TaskValidationError) {
        if !issues.isEmpty { throw TaskValidationError(issues: issues) }
    }
}
