/// Applies lifecycle commands to tasks: the only way a task's state, version and history change.
///
/// Checks run in this order, so a client learns the most actionable problem first:
/// 1. `expectedVersion` (stale copy: `conflict`),
/// 2. the actor's permission (`forbidden`, see the table on `TaskActor.may`),
/// 3. the state machine (`illegalTransition`, see the table on `TaskTransitions`),
/// 4. the command's data (`invalid`).
///
/// Every applied command increments `version`, sets `updatedMillis` to `nowMillis` and appends
/// one history entry. A patrol's command acts for the whole task: when several units share a
/// task, the first to acknowledge acknowledges it for all.
public enum TaskLifecycle {
    /// Longest reason accepted for fail and cancel.
    public static let maximumReasonLength = 2000

    /// Applies `command` to `task` and returns the updated task.
    /// - Parameters:
    ///   - expectedVersion: the version the client last saw (`If-Match`), or `nil` to skip the check.
    public static func apply(
        _ command: TaskCommand,
        to task: PatrolTask,
        by actor: TaskActor,
        at nowMillis: Int64,
        expectedVersion: Int?
    ) throws(TaskTransitionError) -> PatrolTask {
        let action = command.action
        try checkVersion(of: task, expected: expectedVersion)
        guard actor.may(action, on: task) else { throw .forbidden(actor, action, task) }
        guard TaskTransitions.sources(of: action).contains(task.state) else { throw .illegal(action, task) }

        var updated = task
        var note = ""
        switch command {
        case .dispatch(let given):
            // Decided here, in the same transaction as the change: the draft's own units are
            // those of the version being dispatched, not of one read earlier.
            let unitIDs = given.isEmpty ? task.assignedUnitIDs : given
            if unitIDs.isEmpty {
                throw .invalid([ValidationIssue(field: "unitIDs", message: "at least one unit is needed: name units, here or in the draft")])
            }
            try checkUnits(unitIDs)
            updated.assignedUnitIDs = unitIDs
        case .redispatch(let unitIDs):
            try checkUnits(unitIDs)
            guard Set(unitIDs) != Set(task.assignedUnitIDs) else {
                throw .invalid([ValidationIssue(field: "unitIDs", message: "redispatch needs a different set of units")])
            }
            note = "units \(list(task.assignedUnitIDs)) replaced by \(list(unitIDs))"
            updated.assignedUnitIDs = unitIDs
        case .complete(let result):
            do {
                try result.validate(against: task.checklist)
            } catch {
                throw .invalid(error.issues.map { ValidationIssue(field: "result.\($0.field)", message: $0.message) })
            }
            updated.result = result
            updated.checklist = result.checklist
        case .fail(let reason), .cancel(let reason):
            var issues = ValidationIssues()
            issues.checkText(reason, "reason", length: 1...maximumReasonLength)
            if !issues.issues.isEmpty { throw .invalid(issues.issues) }
            note = reason
        case .acknowledge, .startEnRoute, .arriveOnScene:
            break
        }
        updated.state = TaskTransitions.target(of: action, from: task.state)
        record(action, from: task.state, on: &updated, by: actor, at: nowMillis, note: note)
        return updated
    }

    static func checkVersion(of task: PatrolTask, expected: Int?) throws(TaskTransitionError) {
        if let expected, expected != task.version { throw .conflict(task: task, expected: expected) }
    }

    /// Bumps the version and timestamp and appends the history entry: the common tail of every change.
    static func record(
        _ action: TaskAction,
        from state: TaskState?,
        on task: inout PatrolTask,
        by actor: TaskActor,
        at nowMillis: Int64,
        note: String
    ) {
        task.version += 1
        task.updatedMillis = nowMillis
        task.history.append(
            TaskHistoryEntry(
                atMillis: nowMillis,
                actorUserID: actor.userID,
                action: action,
                from: state,
                to: task.state,
                unitIDs: task.assignedUnitIDs,
                note: note
            )
        )
    }

    private static func checkUnits(_ unitIDs: [Int64]) throws(TaskTransitionError) {
        var issues = TaskDraft.unitIDIssues(unitIDs, field: "unitIDs")
        if unitIDs.isEmpty { issues.append(ValidationIssue(field: "unitIDs", message: "at least one unit is needed")) }
        if !issues.isEmpty { throw .invalid(issues) }
    }

    private static func list(_ unitIDs: [Int64]) -> String {
        unitIDs.map(String.init).joined(separator: ", ")
    }
}
