/// Something a dispatcher must look at now. Monitors raise each alert once per task, unit and kind.
public struct TaskAlert: Hashable, Sendable, Codable, CustomStringConvertible {
    public var kind: TaskAlertKind
    /// The task concerned; `nil` for `panic`, which concerns a unit whatever it is doing.
    public var taskID: Int64?
    /// The unit concerned; `nil` for alerts about the task as a whole.
    public var unitID: Int64?
    /// When the condition was detected: the fix time for GPS-driven alerts, the tick time otherwise.
    public var raisedMillis: Int64
    public var message: String

    public init(kind: TaskAlertKind, taskID: Int64?, unitID: Int64?, raisedMillis: Int64, message: String) {
        self.kind = kind
        self.taskID = taskID
        self.unitID = unitID
        self.raisedMillis = raisedMillis
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
