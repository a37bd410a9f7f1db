/// What a monitor learned from a fix: a unit entered or left a task's area, or an alert.
public enum TaskEvent: Hashable, Sendable, Codable {
    /// The unit's first fix inside the area (since it was last outside), at that fix's time.
    case arrived(taskID: Int64, unitID: Int64, atMillis: Int64)
    /// The unit's first fix outside the area after being inside, at that fix's time.
    case departed(taskID: Int64, unitID: Int64, atMillis: Int64)
    /// An alert raised by the fix (left early, panic).
    case alert(TaskAlert)
}
