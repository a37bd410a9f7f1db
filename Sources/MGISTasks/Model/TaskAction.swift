/// What a history entry records: every lifecycle command plus creating and editing a task.
/// Kept on history entries because `from`/`to` alone cannot tell an edit from a redispatch.
public enum TaskAction: String, CaseIterable, Codable, Hashable, Sendable {
    case create
    case edit
    case dispatch
    case acknowledge
    case startEnRoute = "start_en_route"
    case arriveOnScene = "arrive_on_scene"
    case complete
    case fail
    case cancel
    case redispatch
}
