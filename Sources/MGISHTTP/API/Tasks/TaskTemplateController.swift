import Hummingbird
import MGISCore
import MGISDispatch
import MGISStore
import MGISTasks

/// Templates for recurring tasks, and scheduling drafts from them ("every weekday 06:00-10:00").
struct TaskTemplateController {
    let deps: APIDependencies
    /// Drafts one schedule request may create.
    static let maxScheduled = 400

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/task-templates") { _, _, _ in
            try JSONResponse.make(ListDTO(items: try await BlockingIO.run { try deps.store.templates() }.map(TaskTemplateDTO.init)))
        }
        api.on(.post, "/api/v1/task-templates") { request, context, _ in
            let template = try await StrictJSON.decode(TaskTemplateDTO.self, from: request).template()
            if let rule = template.recurrence {
                do { try rule.validate() } catch { throw APIError.invalidField("recurrence", "\(error)") }
            }
            let stored = try await BlockingIO.run { try TaskController.mapped { try deps.store.createTemplate(template) } }
            context.readObjects.target(["template:\(stored.id)"])
            return try JSONResponse.make(TaskTemplateDTO(stored), status: .created)
        }
        api.on(.post, "/api/v1/task-templates/{id}/schedule") { request, context, identity in
            let id = try context.id(what: "template")
            guard var template = try await BlockingIO.run({ try deps.store.template(id: id) }) else {
                throw APIError.notFound("template \(id)")
            }
            let body = try await StrictJSON.decode(ScheduleDTO.self, from: request)
            if let recurrence = body.recurrence { template.recurrence = try recurrence.rule(field: "recurrence") }
            guard template.recurrence != nil else { throw APIError.invalidField("recurrence", "is required: the template has none") }
            let from = try TrackController.time(body.from, field: "from")
            let to = try TrackController.time(body.to, field: "to")
            guard from < to else { throw APIError.invalidField("to", "must be after 'from'") }
            let drafts: [TaskDraft]
            do {
                drafts = try template.instantiateRecurring(fromMillis: from, toMillis: to)
            } catch {
                throw APIError.invalidField("recurrence", "\(error)")
            }
            guard drafts.count <= Self.maxScheduled else {
                throw APIError.badRequest("the range makes \(drafts.count) tasks, more than \(Self.maxScheduled); ask for a shorter one")
            }
            let actor = TaskActor.dispatcher(userID: identity.user.id)
            let tasks = try await BlockingIO.run { try TaskController.mapped { try deps.desk.create(all: drafts, by: actor) } }
            context.readObjects.target(tasks.map { "task:\($0.id)" })
            return try JSONResponse.make(ListDTO(items: tasks.map { TaskDTO($0, monitoring: nil, actor: actor) }), status: .created)
        }
    }
}
