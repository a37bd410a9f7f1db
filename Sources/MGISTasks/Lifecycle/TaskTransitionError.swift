/// A lifecycle command or edit was refused. `kind` lets an HTTP layer choose the status
/// (409/412 for `conflict`, 403 for `forbidden`, 422 for the rest); `message` says why in words.
public struct TaskTransitionError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The client's `expectedVersion` is stale; `current` is the task's version now.
        case conflict(current: Int)
        /// The actor may not do this to this task.
        case forbidden
        /// The state machine does not allow `action` from `from`; `allowed` lists what it does allow.
        case illegalTransition(from: TaskState, action: TaskAction, allowed: [TaskAction])
        /// The command's data (units, reason, result, draft) is invalid.
        case invalid([ValidationIssue])
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func conflict(task: PatrolTask, expected: Int) -> TaskTransitionError {
        TaskTransitionError(
            .conflict(current: task.version),
            message: "task \(task.id) was changed: it is at version \(task.version), not \(expected); reload it and try again"
        )
    }

    static func forbidden(_ actor: TaskActor, _ action: TaskAction, _ task: PatrolTask) -> TaskTransitionError {
        TaskTransitionError(.forbidden, message: "\(actor.label) may not \(action.rawValue) task \(task.id)")
    }

    static func illegal(_ action: TaskAction, _ task: PatrolTask) -> TaskTransitionError {
        let allowed = task.state.allowedActions
        let target = TaskTransitions.target(of: action, from: task.state)
        let options =
            allowed.isEmpty
            ? "nothing is allowed from \(task.state.rawValue), it is final"
            : "from \(task.state.rawValue) only "
                + allowed.map { "\($0.rawValue) (to \(TaskTransitions.target(of: $0, from: task.state).rawValue))" }
                .joined(separator: ", ") + " are allowed"
        return TaskTransitionError(
            .illegalTransition(from: task.state, action: action, allowed: allowed),
            message: "cannot \(action.rawValue) task \(task.id) from \(task.state.rawValue) to \(target.rawValue): \(options)"
        )
    }

    static func invalid(_ issues: [ValidationIssue]) -> TaskTransitionError {
        TaskTransitionError(.invalid(issues), message: "invalid data: " + issues.map(\.description).joined(separator: "; "))
    }
}
