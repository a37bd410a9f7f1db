import Foundation
import MGISStore
import MGISTasks
public import MGISDispatch
public import MGISLive

/// Turns the task desk's announcements into live feed frames: `{"type":"task","task":{...}}` and
/// `{"type":"alert","alert":{...}}`, sent to the subscribers of the units concerned (and to
/// every subscriber without a unit filter: dispatchers and wall displays).
public enum TaskFeedFrames {
    public static func publish(_ event: TaskDeskEvent, to hub: LiveFeedHub) {
        struct TaskFrame: Encodable {
            let type = "task"
            let task: TaskDTO
        }
        struct AlertFrame: Encodable {
            let type = "alert"
            let alert: AlertDTO
        }
        func frame(_ task: PatrolTask, _ monitoring: TaskMonitoringState?) -> String? {
            try? String(decoding: JSONResponse.encoder.encode(TaskFrame(task: TaskDTO(task, monitoring: monitoring, actor: nil, forFeed: true))), as: UTF8.self)
        }
        let text: String?
        let units: Set<String>
        var perUnit: [String: String] = [:]
        switch event {
        case .task(let task, let monitoring):
            text = frame(task, monitoring)
            units = Set(task.assignedUnitIDs.map(String.init))
            // A task shared by several units: each unit's patrols see only their own monitoring.
            if units.count > 1, let monitoring {
                for unit in task.assignedUnitIDs { perUnit[String(unit)] = frame(task, monitoring.shown(to: .some(unit))) }
            }
        case .alert(let stored):
            text = try? String(decoding: JSONResponse.encoder.encode(AlertFrame(alert: AlertDTO(stored))), as: UTF8.self)
            units = stored.alert.unitID.map { [String($0)] } ?? []
        }
        if let text { hub.publish(event: text, units: units, perUnit: perUnit) }
    }
}
