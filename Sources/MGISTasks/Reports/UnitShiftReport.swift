/// One unit's work over a shift (`fromMillis ..< toMillis`), computed from tasks and monitoring.
///
/// Definitions:
/// - The shift's tasks: not drafts, the unit assigned now or at any earlier point in history,
///   window overlapping the shift.
/// - Completed / failed: shift tasks in that state with the unit still assigned (a unit replaced
///   by a redispatch is not credited or blamed).
/// - On time: of the shift tasks still assigned to the unit, not cancelled, whose window starts in
///   the shift and that were dispatched to the unit before that start (`onTimeEligible`), those
///   where the unit's first arrival in the area was at or before the window start (`onTime`).
/// - Time on scene: the unit's visits to the shift tasks' areas, clipped to the shift; an open
///   visit counts up to `nowMillis`. Overlapping tasks with overlapping areas count twice.
/// - Distance: the unit's distance on the shift tasks, not clipped (monitoring keeps one total
///   per task); overlapping tasks count twice.
public struct UnitShiftReport: Hashable, Sendable, Codable {
    public var unitID: Int64
    public var unitName: String
    public var fromMillis: Int64
    public var toMillis: Int64
    public var taskCount: Int
    public var completedCount: Int
    public var failedCount: Int
    public var onTimeEligible: Int
    public var onTime: Int
    public var timeOnSceneMillis: Int64
    public var distanceMeters: Double

    /// `onTime / onTimeEligible`, or `nil` when no task was eligible.
    public var onTimeRate: Double? {
        onTimeEligible == 0 ? nil : Double(onTime) / Double(onTimeEligible)
    }

    public init(
        unitID: Int64,
        unitName: String,
        fromMillis: Int64,
        toMillis: Int64,
        tasks: [PatrolTask],
        monitoring: [Int64: TaskMonitoringState],
        nowMillis: Int64
    ) {
        (self.unitID, self.unitName, self.fromMillis, self.toMillis) = (unitID, unitName, fromMillis, toMillis)
        (taskCount, completedCount, failedCount, onTimeEligible, onTime) = (0, 0, 0, 0, 0)
        (timeOnSceneMillis, distanceMeters) = (0, 0)
        for task in tasks where task.state != .draft && task.window.overlaps(startMillis: fromMillis, endMillis: toMillis) {
            guard task.assignedUnitIDs.contains(unitID) || task.history.contains(where: { $0.unitIDs.contains(unitID) }) else { continue }
            taskCount += 1
            let stillAssigned = task.assignedUnitIDs.contains(unitID)
            let unitState = monitoring[task.id]?.unit(unitID)
            if stillAssigned, task.state == .completed { completedCount += 1 }
            if stillAssigned, task.state == .failed { failedCount += 1 }
            if stillAssigned, task.state != .cancelled, fromMillis <= task.window.startMillis, task.window.startMillis < toMillis,
                let dispatched = Self.firstDispatchMillis(of: task, to: unitID), dispatched < task.window.startMillis
            {
                onTimeEligible += 1
                if let arrival = unitState?.firstArrivalMillis, arrival <= task.window.startMillis { onTime += 1 }
            }
            for visit in unitState?.visits ?? [] {
                timeOnSceneMillis += visit.millisOnScene(from: fromMillis, to: toMillis, nowMillis: nowMillis)
            }
            distanceMeters += unitState?.distanceMeters ?? 0
        }
    }

    /// When the unit was first sent the task (by dispatch or redispatch).
    private static func firstDispatchMillis(of task: PatrolTask, to unitID: Int64) -> Int64? {
        task.history.first { ($0.action == .dispatch || $0.action == .redispatch) && $0.unitIDs.contains(unitID) }?.atMillis
    }
}
