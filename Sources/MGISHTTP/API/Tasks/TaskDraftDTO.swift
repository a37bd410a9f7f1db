import MGISCore
import MGISTasks

/// What a dispatcher sends to create or edit a task.
struct TaskDraftDTO: Codable, Sendable {
    var type: String
    var title: String
    var instructions: String?
    var priority: String?
    var area: AreaDTO
    var window: WindowDTO
    var units: [String]?
    var checklist: [String]?
    var attachments: [AttachmentDTO]?
    var templateId: Int64?

    init(
        type: String, title: String, instructions: String?, priority: String?, area: AreaDTO, window: WindowDTO,
        units: [String]?, checklist: [String]?
    ) {
        self.type = type
        self.title = title
        self.instructions = instructions
        self.priority = priority
        self.area = area
        self.window = window
        self.units = units
        self.checklist = checklist
    }

    init(_ draft: TaskDraft) {
        type = draft.type.rawValue
        title = draft.title
        instructions = draft.instructions
        priority = draft.priority.rawValue
        area = AreaDTO(draft.area)
        window = WindowDTO(startMillis: draft.window.startMillis, endMillis: draft.window.endMillis)
        units = draft.assignedUnitIDs.map(String.init)
        checklist = draft.checklist
        attachments = draft.attachments.map(AttachmentDTO.init)
        templateId = draft.templateID
    }

    func draft() throws -> TaskDraft {
        guard let type = TaskType(rawValue: type) else {
            throw APIError.invalidField("type", "must be one of \(TaskType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let priority = try priority.map { text in
            guard let value = TaskPriority(rawValue: text) else {
                throw APIError.invalidField("priority", "must be one of \(TaskPriority.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        } ?? .normal
        let window = try self.window.millis(field: "window")
        return TaskDraft(
            type: type, title: title, instructions: instructions ?? "", priority: priority,
            area: try area.area(field: "area"),
            window: TimeWindow(startMillis: window.start, endMillis: window.end),
            assignedUnitIDs: try UnitIDs.parse(units ?? [], field: "units"),
            checklist: checklist ?? [],
            attachments: (attachments ?? []).map(\.metadata),
            templateID: templateId
        )
    }
}

struct AttachmentDTO: Codable, Sendable {
    var name: String
    var mediaType: String
    var sizeBytes: Int64
    var sha256: String?

    init(_ metadata: AttachmentMetadata) {
        name = metadata.name
        mediaType = metadata.mediaType
        sizeBytes = metadata.sizeBytes
        sha256 = metadata.sha256Hex
    }

    var metadata: AttachmentMetadata { AttachmentMetadata(name: name, mediaType: mediaType, sizeBytes: sizeBytes, sha256Hex: sha256) }
}
