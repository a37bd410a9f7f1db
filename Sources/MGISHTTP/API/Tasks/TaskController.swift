import Foundation
import Hummingbird
import MGISCore
import MGISDispatch
import MGISStore
import MGISTasks

/// Tasks: dispatchers plan and dispatch, patrols act on their own unit's tasks, analysts and
/// auditors read. Every change goes through the task desk (lifecycle, one transaction, live feed).
struct TaskController {
    let deps: APIDependencies

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/tasks") { request, _, identity in
            var query = TaskQuery()
            let parameters = request.uri.queryParameters
            if let states = parameters.get("state") {
                query.states = Set(try states.split(separator: ",").map { name in
                    guard let state = TaskState(rawValue: String(name)) else { throw APIError.invalidField("state", "has an unknown state '\(name)'") }
                    return state
                })
            }
            if let unit = parameters.get("unit") { query.unitID = try UnitIDs.parse([unit], field: "unit")[0] }
            if let from = parameters.get("from") { query.fromMillis = try TrackController.time(from, field: "from") }
            if let to = parameters.get("to") { query.toMillis = try TrackController.time(to, field: "to") }
            if case .some(let own) = identity.confinedUnit {
                guard let own, query.unitID == nil || query.unitID == own else { return try JSONResponse.make(ListDTO<TaskDTO>(items: [])) }
                query.unitID = own
            }
            let actor = Self.actor(identity)
            let tasks = try await BlockingIO.run { [query] in try deps.store.tasks(query) }.map { task in
                TaskDTO(task, monitoring: deps.desk.monitoringState(ofTask: task.id)?.shown(to: identity.confinedUnit), actor: actor)
            }
            return try JSONResponse.make(ListDTO(items: tasks))
        }
        api.on(.post, "/api/v1/tasks") { request, context, identity in
            let draft = try await StrictJSON.decode(TaskDraftDTO.self, from: request).draft()
            try await checkUnitsExist(draft.assignedUnitIDs, field: "units")
            let author = TaskActor.dispatcher(userID: identity.user.id)
            let task = try await BlockingIO.run { try Self.mapped { try deps.desk.create(draft, by: author) } }
            context.readObjects.target(["task:\(task.id)"])
            return try respond(task, identity, status: .created)
        }
        api.on(.get, "/api/v1/tasks/{id}") { _, context, identity in
            try respond(try await visibleTask(try context.id(what: "task"), identity), identity)
        }
        api.on(.put, "/api/v1/tasks/{id}") { request, context, identity in
            let id = try context.id(what: "task")
            _ = try await visibleTask(id, identity)
            guard let expected = try Self.ifMatch(request) else {
                throw APIError(.preconditionRequired, "precondition_required", "send If-Match with the task's ETag to edit it")
            }
            let draft = try await StrictJSON.decode(TaskDraftDTO.self, from: request).draft()
            try await checkUnitsExist(draft.assignedUnitIDs, field: "units")
            let editor = TaskActor.dispatcher(userID: identity.user.id)
            let task = try await BlockingIO.run {
                try Self.mapped { try deps.desk.edit(taskID: id, with: draft, by: editor, expectedVersion: expected) }
            }
            return try respond(task, identity)
        }
        api.on(.post, "/api/v1/tasks/{id}/actions") { request, context, identity in
            let id = try context.id(what: "task")
            _ = try await visibleTask(id, identity)
            guard let actor = Self.actor(identity) else { throw APIError.forbidden() }
            let expected = try Self.ifMatch(request)
            let command = try await StrictJSON.decode(TaskActionDTO.self, from: request).command()
            if case .dispatch(let units) = command { try await checkUnitsExist(units, field: "units") }
            if case .redispatch(let units) = command { try await checkUnitsExist(units, field: "units") }
            let task = try await BlockingIO.run {
                try Self.mapped { try deps.desk.apply(command, toTask: id, by: actor, expectedVersion: expected) }
            }
            return try respond(task, identity)
        }
        api.on(.get, "/api/v1/tasks/{id}/timeline") { _, context, identity in
            let task = try await visibleTask(try context.id(what: "task"), identity)
            let timeline = try await BlockingIO.run { try TaskTimelineBuilder(store: deps.store, desk: deps.desk, maxTrackPoints: deps.configuration.limits.maxTrackPoints).json(task, confinedUnit: identity.confinedUnit) }
            return JSONResponse.raw(timeline, contentType: "application/json; charset=utf-8")
        }
    }

    /// The task if it exists and the caller may see it; 404 otherwise, so a patrol does not
    /// learn which ids other units' tasks have.
    private func visibleTask(_ id: Int64, _ identity: Identity) async throws -> PatrolTask {
        guard let task = try await BlockingIO.run({ try deps.store.task(id: id) }) else { throw APIError.notFound("task \(id)") }
        if case .some(let own) = identity.confinedUnit, !task.assignedUnitIDs.contains(where: { $0 == own }) {
            throw APIError.notFound("task \(id)")
        }
        return task
    }

    private func checkUnitsExist(_ ids: [Int64], field: String) async throws {
        let missing = try await BlockingIO.run { try ids.firstIndex { try deps.store.unit(id: $0) == nil } }
        if let index = missing {
            throw APIError.invalidField("\(field)[\(index)]", "names unit \(ids[index]), which does not exist")
        }
    }

    private func respond(_ task: PatrolTask, _ identity: Identity, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try JSONResponse.make(
            TaskDTO(task, monitoring: deps.desk.monitoringState(ofTask: task.id)?.shown(to: identity.confinedUnit), actor: Self.actor(identity)),
            status: status
        )
        response.headers[.eTag] = Self.etag(task.version)
        return response
    }

    /// Who the caller is to the lifecycle: a dispatcher, a patrol of its unit, or only a reader.
    static func actor(_ identity: Identity) -> TaskActor? {
        if identity.has(.dispatcher) { return .dispatcher(userID: identity.user.id) }
        if identity.has(.patrol), let unit = identity.user.unitID { return .patrol(userID: identity.user.id, unitID: unit) }
        return nil
    }

    static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// The version an `If-Match` header names, nil when absent.
    static func ifMatch(_ request: Request) throws -> Int? {
        guard var text = request.headers[.ifMatch] else { return nil }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        guard let version = Int(text.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))) else {
            throw APIError.badRequest("If-Match must be the task's ETag, e.g. \"3\"")
        }
        return version
    }

    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw TaskErrors.api(error)
        }
    }
}
