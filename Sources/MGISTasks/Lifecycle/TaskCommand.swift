/// A request to move a task through its lifecycle. `TaskLifecycle.apply` decides whether the
/// actor may, and whether the task's state allows it.
public enum TaskCommand: Hashable, Sendable, Codable {
    /// Send a draft to these units; none given means the units the draft already names (at
    /// least one either way).
    case dispatch(unitIDs: [Int64])
    /// A unit confirms it received the task.
    case acknowledge
    /// A unit sets off for the area.
    case startEnRoute
    /// A unit is in the area (reported by the patrol, or by the system from GPS).
    case arriveOnScene
    /// The task is done; the result must be valid.
    case complete(TaskResult)
    /// The task could not be done, and why.
    case fail(reason: String)
    /// The task is withdrawn, and why.
    case cancel(reason: String)
    /// Send an active task to a different set of units; it starts again from `dispatched`.
    case redispatch(unitIDs: [Int64])

    /// The history action this command records.
    public var action: TaskAction {
        switch self {
        case .dispatch: .dispatch
        case .acknowledge: .acknowledge
        case .startEnRoute: .startEnRoute
        case .arriveOnScene: .arriveOnScene
        case .complete: .complete
        case .fail: .fail
        case .cancel: .cancel
        case .redispatch: .redispatch
        }
    }
}
