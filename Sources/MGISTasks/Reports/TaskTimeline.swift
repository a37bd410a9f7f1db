/// Everything that happened to a task, in time order: what people did (its history), where its
/// units were (monitoring) and what was flagged (alerts).
///
/// Entries at the same millisecond keep a fixed order: history first (in history order),
/// then arrivals and departures by unit id, then alerts in the order given.
public struct TaskTimeline: Hashable, Sendable, Codable {
    public var taskID: Int64
    public var entries: [TaskTimelineEntry]

    /// - Parameters:
    ///   - monitoring: what monitoring measured, or `nil` if the task was never monitored.
    ///   - alerts: alerts raised for the task, as stored by the caller; others' alerts are skipped.
    public init(task: PatrolTask, monitoring: TaskMonitoringState?, alerts: [TaskAlert] = []) {
        var entries = task.history.map { entry in
            TaskTimelineEntry(
                atMillis: entry.atMillis,
                kind: .action(entry.action, from: entry.from, to: entry.to),
                actorUserID: entry.actorUserID,
                unitIDs: entry.unitIDs,
                note: entry.note
            )
        }
        for unit in monitoring?.units ?? [] {
            for visit in unit.visits {
                entries.append(TaskTimelineEntry(atMillis: visit.arrivalMillis, kind: .arrived, unitIDs: [unit.unitID]))
                if let departure = visit.departureMillis, visit.isDepartureObserved {
                    entries.append(TaskTimelineEntry(atMillis: departure, kind: .departed, unitIDs: [unit.unitID]))
                }
            }
        }
        for alert in alerts where alert.taskID == task.id {
            entries.append(
                TaskTimelineEntry(
                    atMillis: alert.raisedMillis, kind: .alert(alert.kind), unitIDs: alert.unitID.map { [$0] } ?? [], note: alert.message)
            )
        }
        // Sorting the positions keeps the construction order among equal times (a stable sort).
        self.taskID = task.id
        self.entries = entries.indices
            .sorted { (entries[$0].atMillis, $0) < (entries[$1].atMillis, $1) }
            .map { entries[$0] }
    }
}
