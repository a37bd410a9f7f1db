/// Where a task is in its life. `TaskLifecycle` decides which commands move it between states.
public enum TaskState: String, CaseIterable, Codable, Hashable, Sendable {
    /// Being prepared by a dispatcher; no patrol sees it yet.
    case draft
    /// Sent to one or more units, not yet acknowledged.
    case dispatched
    /// A unit confirmed it received the task.
    case acknowledged
    /// A unit is on its way to the area.
    case enRoute = "en_route"
    /// A unit is in the area doing the work.
    case onScene = "on_scene"
    /// Done, with a result.
    case completed
    /// Given up, with a reason.
    case failed
    /// Withdrawn by a dispatcher, with a reason.
    case cancelled

    /// No command can move a task out of a terminal state.
    public var isTerminal: Bool {
        switch self {
        case .completed, .failed, .cancelled: true
        case .draft, .dispatched, .acknowledged, .enRoute, .onScene: false
        }
    }

    /// Sent to patrols and not yet finished: the states GPS monitoring watches.
    public var isActive: Bool {
        switch self {
        case .dispatched, .acknowledged, .enRoute, .onScene: true
        case .draft, .completed, .failed, .cancelled: false
        }
    }
}
