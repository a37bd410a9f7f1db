/// Why a dispatcher's attention is needed.
public enum TaskAlertKind: String, CaseIterable, Codable, Hashable, Sendable {
    /// A dispatched task was not acknowledged within the timeout.
    case notAcknowledged = "not_acknowledged"
    /// A unit was not in the area when the task's window started.
    case notOnSceneAtStart = "not_on_scene_at_start"
    /// A unit left the area during the window.
    case leftAreaEarly = "left_area_early"
    /// The window ended and the task is still not finished.
    case windowEndedNotCompleted = "window_ended_not_completed"
    /// A unit pressed the panic button.
    case panic
}
