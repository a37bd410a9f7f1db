import MGISCore
import MGISTasks
import Testing

@Suite struct TaskLifecycleEditTests {
    @Test func testEditingADraftReplacesFieldsAndRecordsThem() throws {
        let task = try Fixtures.draftTask()
        var draft = Fixtures.draft(title: "Checkpoint B2", units: [7])
        draft.priority = .urgent
        let edited = try TaskLifecycle.edit(task, with: draft, by: Fixtures.dispatcher, at: Fixtures.t0 + 5, expectedVersion: 1)
        #expect(edited.title == "Checkpoint B2")
        #expect(edited.priority == .urgent)
        #expect(edited.assignedUnitIDs == [7])
        #expect(edited.version == 2)
        #expect(edited.updatedMillis == Fixtures.t0 + 5)
        #expect(edited.history.last?.action == .edit)
        #expect(edited.history.last?.note == "changed: title, priority, assignedUnitIDs")
    }

    @Test func testDispatchedTaskKeepsItsUnitsThroughEdits() throws {
        let task = try Fixtures.dispatchedTask(units: [7])
        #expect(throws: TaskTransitionError.self) {
            try TaskLifecycle.edit(task, with: Fixtures.draft(units: [8]), by: Fixtures.dispatcher, at: 1, expectedVersion: nil)
        }
        let edited = try TaskLifecycle.edit(
            task, with: Fixtures.draft(title: "New", units: [7]), by: Fixtures.dispatcher, at: 1, expectedVersion: 2)
        #expect(edited.state == .dispatched)
        #expect(edited.title == "New")
    }

    @Test func testEditIsRefusedOnceTerminalAndForPatrols() throws {
        let cancelled = try Fixtures.advance(Fixtures.dispatchedTask(units: [7]), [.cancel(reason: "Weather")], startingAt: Fixtures.t0 + 1)
        #expect(throws: TaskTransitionError.self) {
            try TaskLifecycle.edit(cancelled, with: Fixtures.draft(units: [7]), by: Fixtures.dispatcher, at: 1, expectedVersion: nil)
        }
        let active = try Fixtures.dispatchedTask(units: [7])
        #expect(throws: TaskTransitionError.self) {
            try TaskLifecycle.edit(
                active, with: Fixtures.draft(units: [7]), by: .patrol(userID: 70, unitID: 7), at: 1, expectedVersion: nil)
        }
    }

    @Test func testInvalidDraftIsRefusedWithItsIssues() throws {
        let task = try Fixtures.draftTask()
        do {
            _ = try TaskLifecycle.edit(task, with: Fixtures.draft(title: ""), by: Fixtures.dispatcher, at: 1, expectedVersion: nil)
            Issue.record("an empty title was accepted")
        } catch {
            #expect(error.kind == .invalid([ValidationIssue(field: "title", message: "must not be empty")]))
        }
    }
}
