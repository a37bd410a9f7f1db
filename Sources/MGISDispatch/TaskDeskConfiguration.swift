/// How the task desk monitors.
public struct TaskDeskConfiguration: Sendable {
    /// A dispatched task not acknowledged within this raises a `not_acknowledged` alert.
    public var acknowledgeTimeoutMillis: Int64
    /// How often clock-driven alerts (overdue, not on scene, not acknowledged) are checked.
    public var tickInterval: Duration
    /// GPS arrival in the area moves an acknowledged or en-route task to on scene by itself.
    public var arrivalMarksOnScene: Bool

    public init(acknowledgeTimeoutMillis: Int64 = 5 * 60_000, tickInterval: Duration = .seconds(1), arrivalMarksOnScene: Bool = true) {
        self.acknowledgeTimeoutMillis = acknowledgeTimeoutMillis
        self.tickInterval = tickInterval
        self.arrivalMarksOnScene = arrivalMarksOnScene
    }
}
