/// The state machine: from which states each command may be applied, and where it leads.
///
/// | command       | from                                          | to           |
/// |---------------|-----------------------------------------------|--------------|
/// | dispatch      | draft                                         | dispatched   |
/// | acknowledge   | dispatched                                    | acknowledged |
/// | startEnRoute  | acknowledged                                  | en_route     |
/// | arriveOnScene | acknowledged, en_route                        | on_scene     |
/// | complete      | on_scene                                      | completed    |
/// | fail          | dispatched, acknowledged, en_route, on_scene  | failed       |
/// | cancel        | draft, dispatched, acknowledged, en_route, on_scene | cancelled |
/// | redispatch    | dispatched, acknowledged, en_route, on_scene  | dispatched   |
///
/// Acknowledging is never skipped: it is the receipt that escalation waits for.
enum TaskTransitions {
    /// The lifecycle commands in the order messages list them.
    static let commandActions: [TaskAction] = [
        .dispatch, .acknowledge, .startEnRoute, .arriveOnScene, .complete, .fail, .cancel, .redispatch,
    ]

    static func sources(of action: TaskAction) -> [TaskState] {
        switch action {
        case .dispatch: [.draft]
        case .acknowledge: [.dispatched]
        case .startEnRoute: [.acknowledged]
        case .arriveOnScene: [.acknowledged, .enRoute]
        case .complete: [.onScene]
        case .fail, .redispatch: [.dispatched, .acknowledged, .enRoute, .onScene]
        case .cancel: [.draft, .dispatched, .acknowledged, .enRoute, .onScene]
        case .edit: [.draft, .dispatched, .acknowledged, .enRoute, .onScene]
        case .create: []
        }
    }

    /// The state after `action` applied in `state`.
    static func target(of action: TaskAction, from state: TaskState) -> TaskState {
        switch action {
        case .dispatch, .redispatch: .dispatched
        case .acknowledge: .acknowledged
        case .startEnRoute: .enRoute
        case .arriveOnScene: .onScene
        case .complete: .completed
        case .fail: .failed
        case .cancel: .cancelled
        case .create: .draft
        case .edit: state
        }
    }
}

extension TaskState {
    /// The lifecycle commands that may be applied in this state, whoever the actor.
    public var allowedActions: [TaskAction] {
        TaskTransitions.commandActions.filter { TaskTransitions.sources(of: $0).contains(self) }
    }
}
