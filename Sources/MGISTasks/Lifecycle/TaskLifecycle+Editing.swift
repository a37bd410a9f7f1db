extension TaskLifecycle {
    /// Creates a draft task from a dispatcher's draft, at version 1 with a `create` history entry.
    public static func create(
        id: Int64,
        from draft: TaskDraft,
        by actor: TaskActor,
        at nowMillis: Int64
    ) throws(TaskTransitionError) -> PatrolTask {
        guard actor.kind == .dispatcher else {
            throw TaskTransitionError(.forbidden, message: "\(actor.label) may not create tasks")
        }
        try validate(draft)
        var task = PatrolTask(
            id: id,
            type: draft.type,
            title: draft.title,
            instructions: draft.instructions,
            priority: draft.priority,
            area: draft.area,
            window: draft.window,
            assignedUnitIDs: draft.assignedUnitIDs,
            checklist: draft.checklist.map { ChecklistItem(text: $0) },
            attachments: draft.attachments,
            authorUserID: actor.userID,
            state: .draft,
            version: 0,
            createdMillis: nowMillis,
            updatedMillis: nowMillis,
            templateID: draft.templateID
        )
        record(.create, from: nil, on: &task, by: actor, at: nowMillis, note: "")
        return task
    }

    /// Replaces the dispatcher-supplied fields of a task that is not yet terminal.
    ///
    /// Once a task has been dispatched its units change only through `redispatch`, so that the
    /// history says who was sent when; an edit that changes them is refused. Ticks on checklist
    /// items whose text is unchanged are kept.
    public static func edit(
        _ task: PatrolTask,
        with draft: TaskDraft,
        by actor: TaskActor,
        at nowMillis: Int64,
        expectedVersion: Int?
    ) throws(TaskTransitionError) -> PatrolTask {
        try checkVersion(of: task, expected: expectedVersion)
        guard actor.may(.edit, on: task) else { throw .forbidden(actor, .edit, task) }
        guard TaskTransitions.sources(of: .edit).contains(task.state) else { throw .illegal(.edit, task) }
        try validate(draft)
        if task.state != .draft, Set(draft.assignedUnitIDs) != Set(task.assignedUnitIDs) {
            throw .invalid([ValidationIssue(field: "assignedUnitIDs", message: "use redispatch to change the units of a dispatched task")])
        }
        var updated = task
        updated.type = draft.type
        updated.title = draft.title
        updated.instructions = draft.instructions
        updated.priority = draft.priority
        updated.area = draft.area
        updated.window = draft.window
        updated.assignedUnitIDs = draft.assignedUnitIDs
        updated.attachments = draft.attachments
        updated.templateID = draft.templateID
        let ticked = Set(task.checklist.filter(\.done).map(\.text))
        updated.checklist = draft.checklist.map { ChecklistItem(text: $0, done: ticked.contains($0)) }
        let changed = changedFields(from: task, to: updated)
        record(.edit, from: task.state, on: &updated, by: actor, at: nowMillis, note: "changed: " + changed.joined(separator: ", "))
        return updated
    }

    private static func validate(_ draft: TaskDraft) throws(TaskTransitionError) {
        do {
            try draft.validate()
        } catch {
            throw .invalid(error.issues)
        }
    }

    private static func changedFields(from old: PatrolTask, to new: PatrolTask) -> [String] {
        var fields: [String] = []
        if old.type != new.type { fields.append("type") }
        if old.title != new.title { fields.append("title") }
        if old.instructions != new.instructions { fields.append("instructions") }
        if old.priority != new.priority { fields.append("priority") }
        if old.area != new.area { fields.append("area") }
        if old.window != new.window { fields.append("window") }
        if old.assignedUnitIDs != new.assignedUnitIDs { fields.append("assignedUnitIDs") }
        if old.checklist != new.checklist { fields.append("checklist") }
        if old.attachments != new.attachments { fields.append("attachments") }
        if old.templateID != new.templateID { fields.append("templateID") }
        return fields.isEmpty ? ["nothing"] : fields
    }
}
