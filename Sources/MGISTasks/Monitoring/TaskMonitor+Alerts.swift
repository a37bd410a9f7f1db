extension TaskMonitor {
    /// Raises the alerts that the clock makes due, each once per task, unit and kind:
    /// - `not_acknowledged`: still dispatched `configuration.acknowledgeTimeoutMillis` after the
    ///   latest dispatch (a redispatch re-arms it);
    /// - `not_on_scene_at_start`: at or after the window's start, for each assigned unit that was
    ///   not inside at the start, judged from its last accepted fix at or before the start. Units
    ///   dispatched only after the start are exempt: they cannot have been there in time;
    /// - `window_ended_not_completed`: at or after the window's end, the task is still active.
    ///
    /// Judged from the fixes received so far: tick after the fixes of the same moment are fed.
    public mutating func tick(nowMillis: Int64) -> [TaskAlert] {
        guard isWatching else { return [] }
        var alerts: [TaskAlert] = []
        if let timeout = configuration.acknowledgeTimeoutMillis, state == .dispatched, let dispatched = latestDispatchMillis,
            nowMillis - dispatched >= timeout,
            let alert = raiseOnce(TaskEscalation.notAcknowledgedAlert(taskID: taskID, dispatchedMillis: dispatched, nowMillis: nowMillis))
        {
            alerts.append(alert)
        }
        if nowMillis >= window.startMillis {
            for unit in units where unit.isAssigned && unit.trackingSinceMillis < window.startMillis {
                let wasInside = unit.insideAtWindowStart ?? (unit.insideSinceMillis != nil)
                if !wasInside, let alert = raiseOnce(notOnSceneAlert(unitID: unit.unitID, at: nowMillis)) {
                    alerts.append(alert)
                }
            }
        }
        if nowMillis >= window.endMillis, let alert = raiseOnce(windowEndedAlert(at: nowMillis)) {
            alerts.append(alert)
        }
        return alerts
    }

    /// Returns `alert` the first time its task, unit and kind come up, `nil` afterwards.
    mutating func raiseOnce(_ alert: TaskAlert) -> TaskAlert? {
        raised.insert(AlertKey(kind: alert.kind, unitID: alert.unitID)).inserted ? alert : nil
    }

    func leftEarlyAlert(unitID: Int64, at millis: Int64) -> TaskAlert {
        TaskAlert(
            kind: .leftAreaEarly,
            taskID: taskID,
            unitID: unitID,
            raisedMillis: millis,
            message: "unit \(unitID) left the area of task \(taskID) \(AlertText.elapsed(window.endMillis - millis)) before the window ends"
        )
    }

    private func notOnSceneAlert(unitID: Int64, at millis: Int64) -> TaskAlert {
        TaskAlert(
            kind: .notOnSceneAtStart,
            taskID: taskID,
            unitID: unitID,
            raisedMillis: millis,
            message: "unit \(unitID) was not in the area of task \(taskID) when its window started"
        )
    }

    private func windowEndedAlert(at millis: Int64) -> TaskAlert {
        TaskAlert(
            kind: .windowEndedNotCompleted,
            taskID: taskID,
            unitID: nil,
            raisedMillis: millis,
            message:
                "the window of task \(taskID) ended \(AlertText.elapsed(millis - window.endMillis)) ago and it is still \(state.rawValue)"
        )
    }
}
