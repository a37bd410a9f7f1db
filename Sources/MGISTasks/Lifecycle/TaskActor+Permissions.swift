/// Who may do what, on top of the state machine in `TaskTransitions`:
///
/// | action                               | dispatcher | patrol (own unit only) | system |
/// |--------------------------------------|------------|------------------------|--------|
/// | create, edit                         | yes        | no                     | no     |
/// | dispatch, redispatch, cancel         | yes        | no                     | no     |
/// | acknowledge                          | yes (*)    | yes                    | no     |
/// | startEnRoute                         | yes        | yes                    | no     |
/// | arriveOnScene                        | yes        | yes                    | yes    |
/// | complete, fail                       | yes        | yes                    | no     |
///
/// (*) A dispatcher may acknowledge, start or arrive on a patrol's behalf when the patrol
/// reported by radio; the history names the dispatcher, so this is never hidden.
/// The system only records what GPS proves (arrival in the area); it never closes, fails or
/// re-plans a task: clock-driven problems become alerts for a dispatcher instead.
extension TaskActor {
    /// Whether this actor may take `action` on `task` (state aside: see `TaskState.allowedActions`).
    public func may(_ action: TaskAction, on task: PatrolTask) -> Bool {
        switch kind {
        case .dispatcher:
            true
        case .patrol(let unitID):
            task.assignedUnitIDs.contains(unitID) && Self.patrolActions.contains(action)
        case .system:
            action == .arriveOnScene
        }
    }

    private static let patrolActions: Set<TaskAction> = [.acknowledge, .startEnRoute, .arriveOnScene, .complete, .fail]

    /// How the actor appears in messages.
    var label: String {
        switch kind {
        case .dispatcher: "dispatcher \(userID)"
        case .patrol(let unitID): "patrol unit \(unitID) (user \(userID))"
        case .system: "the system"
        }
    }
}
