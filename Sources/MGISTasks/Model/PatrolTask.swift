public import MGISCore

/// A task as the server stores it: what the dispatcher asked for, who it was sent to, how far
/// it got, and everything that happened to it. Change it only through `TaskLifecycle`, which
/// keeps `version`, `updatedMillis` and `history` consistent.
public struct PatrolTask: Hashable, Sendable, Codable {
    public var id: Int64
    public var type: TaskType
    public var title: String
    public var instructions: String
    public var priority: TaskPriority
    public var area: GeoArea
    public var window: TimeWindow
    public var assignedUnitIDs: [Int64]
    public var checklist: [ChecklistItem]
    public var attachments: [AttachmentMetadata]
    public var authorUserID: Int64
    public var state: TaskState
    /// Incremented by every applied command; clients send it back as `If-Match` to avoid lost updates.
    public var version: Int
    public var createdMillis: Int64
    public var updatedMillis: Int64
    /// The template the task was made from, if any.
    public var templateID: Int64?
    /// Every applied command, oldest first.
    public var history: [TaskHistoryEntry]
    /// What the patrol reported; set when the task is completed.
    public var result: TaskResult?

    public init(
        id: Int64,
        type: TaskType,
        title: String,
        instructions: String,
        priority: TaskPriority,
        area: GeoArea,
        window: TimeWindow,
        assignedUnitIDs: [Int64],
        checklist: [ChecklistItem],
        attachments: [AttachmentMetadata],
        authorUserID: Int64,
        state: TaskState,
        version: Int,
        createdMillis: Int64,
        updatedMillis: Int64,
        templateID: Int64? = nil,
        history: [TaskHistoryEntry] = [],
        result: TaskResult? = nil
    ) {
        self.id = id
        self.type = type
        self.title = title
        self.instructions = instructions
        self.priority = priority
        self.area = area
        self.window = window
        self.assignedUnitIDs = assignedUnitIDs
        self.checklist = checklist
        self.attachments = attachments
        self.authorUserID = authorUserID
        self.state = state
        self.version = version
        self.createdMillis = createdMillis
        self.updatedMillis = updatedMillis
        self.templateID = templateID
        self.history = history
        self.result = result
    }
}

extension PatrolTask {
    /// When the task was last sent to patrols (by dispatch or redispatch), or `nil` if never.
    /// Escalation and monitoring measure from this moment.
    public var latestDispatchMillis: Int64? {
        history.last { $0.action == .dispatch || $0.action == .redispatch }?.atMillis
    }

    /// When the task reached its terminal state, or `nil` while it is not terminal.
    public var finishedMillis: Int64? {
        guard state.isTerminal else { return nil }
        return history.last { $0.to == state && $0.action != .edit }?.atMillis ?? updatedMillis
    }
}
