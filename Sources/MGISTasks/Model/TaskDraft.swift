public import MGISCore

/// The fields a dispatcher supplies when creating or editing a task; everything else on a
/// `PatrolTask` (state, version, history, timestamps, author) is the lifecycle's business.
public struct TaskDraft: Hashable, Sendable, Codable {
    public var type: TaskType
    public var title: String
    public var instructions: String
    public var priority: TaskPriority
    public var area: GeoArea
    public var window: TimeWindow
    /// Units to send the task to; may be empty until it is dispatched.
    public var assignedUnitIDs: [Int64]
    /// The checklist texts; each becomes an unticked `ChecklistItem`.
    public var checklist: [String]
    public var attachments: [AttachmentMetadata]
    /// The template the draft was made from, if any.
    public var templateID: Int64?

    public init(
        type: TaskType,
        title: String,
        instructions: String = "",
        priority: TaskPriority = .normal,
        area: GeoArea,
        window: TimeWindow,
        assignedUnitIDs: [Int64] = [],
        checklist: [String] = [],
        attachments: [AttachmentMetadata] = [],
        templateID: Int64? = nil
    ) {
        self.type = type
        self.title = title
        self.instructions = instructions
        self.priority = priority
        self.area = area
        self.window = window
        self.assignedUnitIDs = assignedUnitIDs
        self.checklist = checklist
        self.attachments = attachments
        self.templateID = templateID
    }
}
