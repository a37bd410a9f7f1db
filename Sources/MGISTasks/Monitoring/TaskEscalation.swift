/// Stateless checks a scheduler can run over stored tasks, independent of GPS monitoring.
public enum TaskEscalation {
    /// Dispatched tasks whose latest dispatch (or redispatch) is at least `acknowledgeTimeoutMillis`
    /// old and that nobody acknowledged. Stateless: the same task is returned on every call until
    /// it is acknowledged, so the caller (or `TaskMonitor`) deduplicates.
    public static func unacknowledged(
        _ tasks: [PatrolTask],
        nowMillis: Int64,
        acknowledgeTimeoutMillis: Int64
    ) -> [TaskAlert] {
        tasks.compactMap { task in
            guard let dispatched = overdueDispatch(of: task, nowMillis: nowMillis, timeoutMillis: acknowledgeTimeoutMillis) else {
                return nil
            }
            return notAcknowledgedAlert(taskID: task.id, dispatchedMillis: dispatched, nowMillis: nowMillis)
        }
    }

    /// The dispatch time of `task` if it is waiting for acknowledgement past the timeout.
    static func overdueDispatch(of task: PatrolTask, nowMillis: Int64, timeoutMillis: Int64) -> Int64? {
        guard task.state == .dispatched, let dispatched = task.latestDispatchMillis else { return nil }
        return nowMillis - dispatched >= timeoutMillis ? dispatched : nil
    }

    static func notAcknowledgedAlert(taskID: Int64, dispatchedMillis: Int64, nowMillis: Int64) -> TaskAlert {
        TaskAlert(
            kind: .notAcknowledged,
            taskID: taskID,
            unitID: nil,
            raisedMillis: nowMillis,
            message: "task \(taskID) was dispatched \(AlertText.elapsed(nowMillis - dispatchedMillis)) ago and is not acknowledged"
        )
    }
}
