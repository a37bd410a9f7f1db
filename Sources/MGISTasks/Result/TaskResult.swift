/// What a patrol reports when it completes a task.
public struct TaskResult: Hashable, Sendable, Codable {
    public var vehiclesChecked: Int
    public var personsChecked: Int
    public var outcome: TaskOutcome
    public var findings: String
    public var notes: String
    public var violations: [OnTheSpotViolation]
    /// The task's checklist with the patrol's ticks; must match the task's items in order.
    public var checklist: [ChecklistItem]

    public init(
        vehiclesChecked: Int = 0,
        personsChecked: Int = 0,
        outcome: TaskOutcome,
        findings: String = "",
        notes: String = "",
        violations: [OnTheSpotViolation] = [],
        checklist: [ChecklistItem] = []
    ) {
        self.vehiclesChecked = vehiclesChecked
        self.personsChecked = personsChecked
        self.outcome = outcome
        self.findings = findings
        self.notes = notes
        self.violations = violations
        self.checklist = checklist
    }
}
