import MGISCore
import MGISStore
import MGISTasks

/// A task as the API and the live feed show it.
struct TaskDTO: Codable, Sendable {
    struct HistoryDTO: Codable, Sendable {
        var at: String
        var actor: Int64
        var action: String
        var from: String?
        var to: String
        var units: [String]
        var note: String
    }

    struct UnitMonitoringDTO: Codable, Sendable {
        var unit: String
        var inside: Bool
        var firstArrival: String?
        var lastDeparture: String?
        var timeOnSceneSeconds: Double
        var distanceMeters: Double
    }

    struct MonitoringDTO: Codable, Sendable {
        var units: [UnitMonitoringDTO]
    }

    var id: Int64
    var type: String
    var title: String
    var instructions: String
    var priority: String
    var area: AreaDTO
    var window: WindowDTO
    var units: [String]
    var checklist: [ChecklistItemDTO]
    var attachments: [AttachmentDTO]
    var author: Int64
    var state: String
    var version: Int
    var created: String
    var updated: String
    var templateId: Int64?
    /// What the caller may do now; absent on live feed frames, which many users share.
    var allowedActions: [String]?
    /// On live feed frames only: what a dispatcher, and a patrol of an assigned unit, may do now,
    /// so that pages follow a live change without knowing the lifecycle's rules themselves.
    var allowedActionsByRole: [String: [String]]?
    var history: [HistoryDTO]
    var result: TaskResultDTO?
    var monitoring: MonitoringDTO?

    /// - Parameter actor: who asks; nil for a read-only caller (no actions allowed). Feed frames
    ///   pass `forFeed: true` and carry no `allowedActions`.
    init(_ task: PatrolTask, monitoring: TaskMonitoringState?, actor: TaskActor?, forFeed: Bool = false) {
        id = task.id
        type = task.type.rawValue
        title = task.title
        instructions = task.instructions
        priority = task.priority.rawValue
        area = AreaDTO(task.area)
        window = WindowDTO(startMillis: task.window.startMillis, endMillis: task.window.endMillis)
        units = task.assignedUnitIDs.map(String.init)
        checklist = task.checklist.map(ChecklistItemDTO.init)
        attachments = task.attachments.map(AttachmentDTO.init)
        author = task.authorUserID
        state = task.state.rawValue
        version = task.version
        created = Timestamp.string(task.createdMillis)
        updated = Timestamp.string(task.updatedMillis)
        templateId = task.templateID
        if forFeed {
            allowedActions = nil
            var byRole = ["dispatcher": Self.actions(on: task, by: .dispatcher(userID: 0))]
            if let unit = task.assignedUnitIDs.first { byRole["patrol"] = Self.actions(on: task, by: .patrol(userID: 0, unitID: unit)) }
            allowedActionsByRole = byRole
        } else {
            allowedActions = actor.map { Self.actions(on: task, by: $0) } ?? []
            allowedActionsByRole = nil
        }
        history = task.history.map { entry in
            HistoryDTO(
                at: Timestamp.string(entry.atMillis), actor: entry.actorUserID, action: TaskActionName.name(entry.action),
                from: entry.from?.rawValue, to: entry.to.rawValue, units: entry.unitIDs.map(String.init), note: entry.note
            )
        }
        result = task.result.map(TaskResultDTO.init)
        self.monitoring = monitoring.map { state in
            MonitoringDTO(units: state.units.map { unit in
                UnitMonitoringDTO(
                    unit: String(unit.unitID), inside: unit.isInside,
                    firstArrival: unit.firstArrivalMillis.map(Timestamp.string),
                    lastDeparture: unit.lastDepartureMillis.map(Timestamp.string),
                    timeOnSceneSeconds: Double(unit.timeOnSceneMillis) / 1000, distanceMeters: unit.distanceMeters
                )
            })
        }
    }

    /// What `actor` may do to `task` in its current state, in the API's action names.
    static func actions(on task: PatrolTask, by actor: TaskActor) -> [String] {
        var actions = task.state.allowedActions.filter { actor.may($0, on: task) }.map(TaskActionName.name)
        if !task.state.isTerminal, actor.may(.edit, on: task) { actions.append("edit") }
        return actions
    }
}

/// The API's names of lifecycle actions (shorter than the domain's for the two movement steps).
enum TaskActionName {
    static func name(_ action: TaskAction) -> String {
        switch action {
        case .startEnRoute: "en_route"
        case .arriveOnScene: "on_scene"
        default: action.rawValue
        }
    }
}

/// An alert as the API and the live feed show it.
struct AlertDTO: Codable, Sendable {
    struct AcknowledgementDTO: Codable, Sendable {
        var by: Int64
        var at: String
    }

    var id: Int64
    var kind: String
    var task: Int64?
    var unit: String?
    var raised: String
    var message: String
    var acknowledged: AcknowledgementDTO?

    init(_ stored: StoredTaskAlert) {
        id = stored.id
        kind = stored.alert.kind.rawValue
        task = stored.alert.taskID
        unit = stored.alert.unitID.map(String.init)
        raised = Timestamp.string(stored.alert.raisedMillis)
        message = stored.alert.message
        if let by = stored.acknowledgedBy, let at = stored.acknowledgedMillis {
            acknowledged = AcknowledgementDTO(by: by, at: Timestamp.string(at))
        }
    }
}
