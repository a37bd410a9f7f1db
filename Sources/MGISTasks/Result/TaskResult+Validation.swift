extension TaskResult {
    /// Checks counts, texts, every violation and the outcome's requirements; throws all issues at once.
    public func validate() throws(TaskValidationError) {
        var issues = ValidationIssues()
        issues.append(contentsOf: validationIssues())
        try issues.throwIfAny()
    }

    /// Also checks that the ticked checklist is the task's checklist (same texts, same order).
    public func validate(against checklist: [ChecklistItem]) throws(TaskValidationError) {
        var issues = ValidationIssues()
        issues.append(contentsOf: validationIssues())
        if self.checklist.map(\.text) != checklist.map(\.text) {
            issues.add("checklist", "must list the task's \(checklist.count) checklist items in order")
        }
        try issues.throwIfAny()
    }

    func validationIssues() -> [ValidationIssue] {
        var issues = ValidationIssues()
        if !ResultLimits.checkedCount.contains(vehiclesChecked) {
            issues.add("vehiclesChecked", "must be between 0 and \(ResultLimits.checkedCount.upperBound)")
        }
        if !ResultLimits.checkedCount.contains(personsChecked) {
            issues.add("personsChecked", "must be between 0 and \(ResultLimits.checkedCount.upperBound)")
        }
        issues.checkText(findings, "findings", length: 0...ResultLimits.maximumTextLength)
        issues.checkText(notes, "notes", length: 0...ResultLimits.maximumTextLength)
        if violations.count > ResultLimits.maximumViolations {
            issues.add("violations", "must have at most \(ResultLimits.maximumViolations) items")
        }
        for (index, violation) in violations.enumerated() {
            issues.append(contentsOf: violation.validationIssues(prefix: "violations[\(index)]"))
        }
        switch outcome {
        case .violationsFound where violations.isEmpty:
            issues.add("violations", "must record at least one violation when the outcome is violations_found")
        case .noFindings where !violations.isEmpty:
            issues.add("violations", "must be empty when the outcome is no_findings (use violations_found)")
        case .notPerformed where Self.isBlank(findings) && Self.isBlank(notes):
            issues.add("notes", "must say why the task was not performed (in findings or notes)")
        default:
            break
        }
        return issues.issues
    }

    private static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }
}
