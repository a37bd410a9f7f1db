public import MGISCore

/// A task a dispatcher sets up once and instantiates many times (a daily checkpoint, a weekly
/// border patrol): everything of a draft except the window, plus how long a window lasts when
/// none is given, and optionally when it recurs.
public struct TaskTemplate: Hashable, Sendable, Codable {
    public var id: Int64
    /// How dispatchers find the template, such as "Medininkai checkpoint, morning".
    public var name: String
    public var type: TaskType
    public var title: String
    public var instructions: String
    public var priority: TaskPriority
    public var area: GeoArea
    public var assignedUnitIDs: [Int64]
    public var checklist: [String]
    public var attachments: [AttachmentMetadata]
    /// The window length used when a task is instantiated without a window.
    public var defaultDurationMillis: Int64
    /// When tasks from this template recur, if they do.
    public var recurrence: RecurrenceRule?

    public init(
        id: Int64,
        name: String,
        type: TaskType,
        title: String,
        instructions: String = "",
        priority: TaskPriority = .normal,
        area: GeoArea,
        assignedUnitIDs: [Int64] = [],
        checklist: [String] = [],
        attachments: [AttachmentMetadata] = [],
        defaultDurationMillis: Int64,
        recurrence: RecurrenceRule? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.title = title
        self.instructions = instructions
        self.priority = priority
        self.area = area
        self.assignedUnitIDs = assignedUnitIDs
        self.checklist = checklist
        self.attachments = attachments
        self.defaultDurationMillis = defaultDurationMillis
        self.recurrence = recurrence
    }

    /// A draft for one task from this template. Without a window, the task runs from `nowMillis`
    /// for `defaultDurationMillis`. The draft is not validated: creating the task does that.
    public func instantiate(window: TimeWindow? = nil, nowMillis: Int64) -> TaskDraft {
        TaskDraft(
            type: type,
            title: title,
            instructions: instructions,
            priority: priority,
            area: area,
            window: window ?? TimeWindow(startMillis: nowMillis, endMillis: nowMillis + defaultDurationMillis),
            assignedUnitIDs: assignedUnitIDs,
            checklist: checklist,
            attachments: attachments,
            templateID: id
        )
    }

    /// Drafts for every recurring window that starts in `fromMillis ..< toMillis`; none without a recurrence.
    public func instantiateRecurring(fromMillis: Int64, toMillis: Int64) throws(RecurrenceError) -> [TaskDraft] {
        guard let recurrence else { return [] }
        return try recurrence.expand(fromMillis: fromMillis, toMillis: toMillis).map { instantiate(window: $0, nowMillis: fromMillis) }
    }
}
