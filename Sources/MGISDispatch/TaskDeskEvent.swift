public import MGISStore
public import MGISTasks

/// What the desk announces to live clients: a task's new version, or a new or acknowledged alert.
public enum TaskDeskEvent: Sendable {
    case task(PatrolTask, monitoring: TaskMonitoringState?)
    case alert(StoredTaskAlert)
}
