/// One applied command, kept forever on the task: who did what, when, and to which units.
public struct TaskHistoryEntry: Hashable, Sendable, Codable {
    public var atMillis: Int64
    public var actorUserID: Int64
    /// The command or change the entry records.
    public var action: TaskAction
    /// The state before the command; `nil` for the entry that created the task.
    public var from: TaskState?
    /// The state after the command (equal to `from` for an edit).
    public var to: TaskState
    /// The units the task is assigned to after the command.
    public var unitIDs: [Int64]
    /// A reason, the units replaced by a redispatch, or what an edit changed.
    public var note: String

    public init(
        atMillis: Int64,
        actorUserID: Int64,
        action: TaskAction,
        from: TaskState?,
        to: TaskState,
        unitIDs: [Int64],
        note: String = ""
    ) {
        self.atMillis = atMillis
        self.actorUserID = actorUserID
        self.action = action
        self.from = from
        self.to = to
        self.unitIDs = unitIDs
        self.note = note
    }
}
