extension TaskDraft {
    /// Checks every field against `TaskLimits` and throws all issues found at once.
    public func validate() throws(TaskValidationError) {
        var issues = ValidationIssues()
        issues.checkText(title, "title", length: TaskLimits.titleLength)
        issues.checkText(instructions, "instructions", length: 0...TaskLimits.maximumInstructionsLength)
        if window.endMillis <= window.startMillis {
            issues.add("window.endMillis", "must be after the start")
        } else if window.durationMillis > TaskLimits.maximumWindowMillis {
            issues.add("window.endMillis", "the window must be at most 31 days long")
        }
        issues.append(contentsOf: area.validationIssues())
        if checklist.count > TaskLimits.maximumChecklistItems {
            issues.add("checklist", "must have at most \(TaskLimits.maximumChecklistItems) items, has \(checklist.count)")
        }
        for (index, item) in checklist.enumerated() {
            issues.checkText(item, "checklist[\(index)]", length: TaskLimits.checklistItemLength)
        }
        if attachments.count > TaskLimits.maximumAttachments {
            issues.add("attachments", "must have at most \(TaskLimits.maximumAttachments) items, has \(attachments.count)")
        }
        for (index, attachment) in attachments.enumerated() {
            issues.append(contentsOf: attachment.validationIssues(prefix: "attachments[\(index)]"))
        }
        issues.append(contentsOf: Self.unitIDIssues(assignedUnitIDs, field: "assignedUnitIDs"))
        try issues.throwIfAny()
    }

    /// Unit ids must be positive and appear once; shared by drafts and (re)dispatch commands.
    static func unitIDIssues(_ unitIDs: [Int64], field: String) -> [ValidationIssue] {
        var issues = ValidationIssues()
        if unitIDs.contains(where: { $0 <= 0 }) {
            issues.add(field, "unit ids must be positive")
        }
        var seen = Set<Int64>()
        let duplicates = unitIDs.filter { !seen.insert($0).inserted }
        if !duplicates.isEmpty {
            issues.add(field, "unit ids must be unique; repeated: \(Set(duplicates).sorted().map(String.init).joined(separator: ", "))")
        }
        return issues.issues
    }
}
