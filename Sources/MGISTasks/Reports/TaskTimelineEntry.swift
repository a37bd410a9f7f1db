/// One line of a task's timeline: a lifecycle change, a unit arriving or leaving, or an alert.
public struct TaskTimelineEntry: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable, Codable {
        /// A history entry: a command, creation or edit.
        case action(TaskAction, from: TaskState?, to: TaskState)
        case arrived
        case departed
        case alert(TaskAlertKind)
    }

    public var atMillis: Int64
    public var kind: Kind
    /// The user who acted, for history entries.
    public var actorUserID: Int64?
    /// The units assigned after an action, or the unit that arrived, departed or alerted.
    public var unitIDs: [Int64]
    /// The history note or the alert message.
    public var note: String

    public init(atMillis: Int64, kind: Kind, actorUserID: Int64? = nil, unitIDs: [Int64] = [], note: String = "") {
        self.atMillis = atMillis
        self.kind = kind
        self.actorUserID = actorUserID
        self.unitIDs = unitIDs
        self.note = note
    }
}
