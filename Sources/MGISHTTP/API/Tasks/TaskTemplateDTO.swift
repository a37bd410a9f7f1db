import Foundation
import MGISCore
import MGISTasks

/// A recurrence as the API writes it: `{"weekdays":[1,2,3,4,5],"start":"06:00","end":"10:00",
/// "timeZone":"Europe/Vilnius","firstDay":"2026-12-01","lastDay":"2026-12-31","count":null}`.
struct RecurrenceDTO: Codable, Sendable {
    var weekdays: [Int]
    var start: String
    var end: String
    var timeZone: String
    var firstDay: String
    var lastDay: String?
    var count: Int?

    init(_ rule: RecurrenceRule) {
        weekdays = rule.weekdays.sorted()
        start = Self.clock(rule.startMinuteOfDay)
        end = Self.clock(rule.endMinuteOfDay)
        timeZone = rule.timeZoneIdentifier
        firstDay = rule.firstDay
        lastDay = rule.lastDay
        count = rule.maximumCount
    }

    func rule(field: String) throws -> RecurrenceRule {
        RecurrenceRule(
            weekdays: Set(weekdays), startMinuteOfDay: try Self.minutes(start, field: "\(field).start"),
            endMinuteOfDay: try Self.minutes(end, field: "\(field).end"), timeZoneIdentifier: timeZone,
            firstDay: firstDay, lastDay: lastDay, maximumCount: count
        )
    }

    static func clock(_ minutes: Int) -> String {
        let text = "0\(minutes / 60)"
        let minute = "0\(minutes % 60)"
        return "\(text.suffix(2)):\(minute.suffix(2))"
    }

    static func minutes(_ text: String, field: String) throws -> Int {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else {
            throw APIError.invalidField(field, "must be a time of day HH:MM")
        }
        return hour * 60 + minute
    }
}

/// A template for recurring tasks: a task's planned fields without a window, plus a duration.
struct TaskTemplateDTO: Codable, Sendable {
    var id: Int64?
    var name: String
    var type: String
    var title: String
    var instructions: String?
    var priority: String?
    var area: AreaDTO
    var units: [String]?
    var checklist: [String]?
    var durationMinutes: Int
    var recurrence: RecurrenceDTO?

    init(_ template: TaskTemplate) {
        id = template.id
        name = template.name
        type = template.type.rawValue
        title = template.title
        instructions = template.instructions
        priority = template.priority.rawValue
        area = AreaDTO(template.area)
        units = template.assignedUnitIDs.map(String.init)
        checklist = template.checklist
        durationMinutes = Int(template.defaultDurationMillis / 60_000)
        recurrence = template.recurrence.map(RecurrenceDTO.init)
    }

    func template() throws -> TaskTemplate {
        // The draft's parsing and messages serve the template's shared fields too.
        let now = WallClock.nowMillis()
        let shared = try TaskDraftDTO(
            type: type, title: title, instructions: instructions, priority: priority, area: area,
            window: WindowDTO(startMillis: now, endMillis: now + 1), units: units, checklist: checklist
        ).draft()
        guard name.trimmingCharacters(in: .whitespaces).count >= 1, name.count <= 200 else {
            throw APIError.invalidField("name", "must be 1 to 200 characters")
        }
        guard (1...(31 * 24 * 60)).contains(durationMinutes) else { throw APIError.invalidField("durationMinutes", "must be 1 ... 44640") }
        return TaskTemplate(
            id: 0, name: name, type: shared.type, title: shared.title, instructions: shared.instructions, priority: shared.priority,
            area: shared.area, assignedUnitIDs: shared.assignedUnitIDs, checklist: shared.checklist,
            defaultDurationMillis: Int64(durationMinutes) * 60_000, recurrence: try recurrence?.rule(field: "recurrence")
        )
    }
}

/// `POST /api/v1/task-templates/{id}/schedule`: which windows to create drafts for.
struct ScheduleDTO: Codable, Sendable {
    var recurrence: RecurrenceDTO?
    var from: String
    var to: String
}
