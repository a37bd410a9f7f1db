import MGISCore
import MGISTasks
import Testing

@Suite struct TaskLifecycleTests {
    let patrol = TaskActor.patrol(userID: 70, unitID: 7)

    @Test func testCreateStartsAsDraftAtVersionOne() throws {
        let task = try Fixtures.draftTask(checklist: ["Check papers"])
        #expect(task.state == .draft)
        #expect(task.version == 1)
        #expect(task.authorUserID == Fixtures.dispatcher.userID)
        #expect(task.checklist == [ChecklistItem(text: "Check papers", done: false)])
        #expect(task.history.map(\.action) == [.create])
        #expect(task.history.first?.from == nil)
    }

    @Test func testPatrolCannotCreate() {
        #expect(throws: TaskTransitionError.self) {
            try TaskLifecycle.create(id: 1, from: Fixtures.draft(), by: patrol, at: Fixtures.t0)
        }
    }

    @Test func testFullHappyPathRecordsEveryStep() throws {
        var task = try Fixtures.draftTask()
        task = try TaskLifecycle.apply(.dispatch(unitIDs: [7]), to: task, by: Fixtures.dispatcher, at: Fixtures.t0 + 1, expectedVersion: 1)
        task = try TaskLifecycle.apply(.acknowledge, to: task, by: patrol, at: Fixtures.t0 + 2, expectedVersion: 2)
        task = try TaskLifecycle.apply(.startEnRoute, to: task, by: patrol, at: Fixtures.t0 + 3, expectedVersion: 3)
        task = try TaskLifecycle.apply(.arriveOnScene, to: task, by: .system, at: Fixtures.t0 + 4, expectedVersion: 4)
        let result = TaskResult(vehiclesChecked: 12, personsChecked: 15, outcome: .noFindings)
        task = try TaskLifecycle.apply(.complete(result), to: task, by: patrol, at: Fixtures.t0 + 5, expectedVersion: 5)

        #expect(task.state == .completed)
        #expect(task.version == 6)
        #expect(task.updatedMillis == Fixtures.t0 + 5)
        #expect(task.result == result)
        #expect(task.history.map(\.to) == [.draft, .dispatched, .acknowledged, .enRoute, .onScene, .completed])
        #expect(
            task.history.map(\.atMillis) == [
                Fixtures.t0, Fixtures.t0 + 1, Fixtures.t0 + 2, Fixtures.t0 + 3, Fixtures.t0 + 4, Fixtures.t0 + 5,
            ])
        #expect(task.history.map(\.actorUserID) == [10, 10, 70, 70, 0, 70])
        #expect(task.history.last?.unitIDs == [7])
        #expect(task.finishedMillis == Fixtures.t0 + 5)
    }

    @Test func testIllegalTransitionNamesStatesAndAllowedCommands() throws {
        let draft = try Fixtures.draftTask()
        let error = transitionError {
            try TaskLifecycle.apply(
                .complete(TaskResult(outcome: .noFindings)), to: draft, by: Fixtures.dispatcher, at: 1, expectedVersion: nil)
        }
        #expect(error?.kind == .illegalTransition(from: .draft, action: .complete, allowed: [.dispatch, .cancel]))
        #expect(error?.message.contains("from draft to completed") == true)
        #expect(error?.message.contains("dispatch (to dispatched), cancel (to cancelled)") == true)
    }

    @Test func testNothingIsAllowedFromATerminalState() throws {
        let task = try Fixtures.advance(Fixtures.dispatchedTask(), [.cancel(reason: "Weather")], startingAt: Fixtures.t0 + 1)
        let error = transitionError {
            try TaskLifecycle.apply(.acknowledge, to: task, by: Fixtures.dispatcher, at: 1, expectedVersion: nil)
        }
        #expect(error?.kind == .illegalTransition(from: .cancelled, action: .acknowledge, allowed: []))
        #expect(error?.message.contains("final") == true)
        #expect(TaskState.allCases.filter { $0.isTerminal }.allSatisfy { $0.allowedActions.isEmpty })
    }

    @Test func testStaleVersionIsAConflict() throws {
        let task = try Fixtures.dispatchedTask()
        let error = transitionError { try TaskLifecycle.apply(.acknowledge, to: task, by: patrol, at: 1, expectedVersion: 1) }
        #expect(error?.kind == .conflict(current: 2))
        let editError = transitionError {
            try TaskLifecycle.edit(task, with: Fixtures.draft(units: [7]), by: Fixtures.dispatcher, at: 1, expectedVersion: 5)
        }
        #expect(editError?.kind == .conflict(current: 2))
    }

    @Test func testPatrolActsOnlyOnItsOwnTasksAndOnlyForItsSteps() throws {
        let task = try Fixtures.dispatchedTask(units: [8])
        let stranger = transitionError { try TaskLifecycle.apply(.acknowledge, to: task, by: patrol, at: 1, expectedVersion: nil) }
        #expect(stranger?.kind == .forbidden)

        let own = try Fixtures.dispatchedTask(units: [7])
        for command: TaskCommand in [.cancel(reason: "no"), .redispatch(unitIDs: [9]), .dispatch(unitIDs: [7])] {
            #expect(
                transitionError { try TaskLifecycle.apply(command, to: own, by: patrol, at: 1, expectedVersion: nil) }?.kind == .forbidden)
        }
        let failed = try TaskLifecycle.apply(.fail(reason: "Car broke down"), to: own, by: patrol, at: 5, expectedVersion: nil)
        #expect(failed.state == .failed)
        #expect(failed.history.last?.note == "Car broke down")
    }

    @Test func testSystemMayOnlyArriveOnScene() throws {
        let acknowledged = try Fixtures.advance(Fixtures.dispatchedTask(), [.acknowledge], startingAt: Fixtures.t0 + 1)
        for command: TaskCommand in [.startEnRoute, .fail(reason: "late"), .cancel(reason: "late")] {
            #expect(
                transitionError { try TaskLifecycle.apply(command, to: acknowledged, by: .system, at: 1, expectedVersion: nil) }?.kind
                    == .forbidden)
        }
        #expect(try TaskLifecycle.apply(.arriveOnScene, to: acknowledged, by: .system, at: 1, expectedVersion: nil).state == .onScene)
    }

    @Test func testDispatchNeedsUniqueUnits() throws {
        let draft = try Fixtures.draftTask()
        for units: [Int64] in [[], [7, 7]] {
            let error = transitionError {
                try TaskLifecycle.apply(.dispatch(unitIDs: units), to: draft, by: Fixtures.dispatcher, at: 1, expectedVersion: nil)
            }
            guard case .invalid(let issues) = error?.kind else {
                Issue.record("expected invalid, got \(String(describing: error))")
                continue
            }
            #expect(issues.map(\.field) == ["unitIDs"])
        }
    }

    @Test func testRedispatchReplacesUnitsAndNotesBoth() throws {
        let onScene = try Fixtures.advance(
            Fixtures.dispatchedTask(units: [7, 8]), [.acknowledge, .arriveOnScene], startingAt: Fixtures.t0 + 1)
        let moved = try TaskLifecycle.apply(
            .redispatch(unitIDs: [9]), to: onScene, by: Fixtures.dispatcher, at: Fixtures.t0 + 9, expectedVersion: onScene.version)
        #expect(moved.state == .dispatched)
        #expect(moved.assignedUnitIDs == [9])
        #expect(moved.history.last?.from == .onScene)
        #expect(moved.history.last?.note == "units 7, 8 replaced by 9")
        #expect(moved.latestDispatchMillis == Fixtures.t0 + 9)
        let same = transitionError {
            try TaskLifecycle.apply(.redispatch(unitIDs: [9]), to: moved, by: Fixtures.dispatcher, at: 1, expectedVersion: nil)
        }
        guard case .invalid = same?.kind else {
            Issue.record("expected invalid, got \(String(describing: same))")
            return
        }
    }

    @Test func testCompleteNeedsAValidResultMatchingTheChecklist() throws {
        let created = try Fixtures.draftTask(checklist: ["Check papers", "Photo of seal"])
        let onScene = try Fixtures.advance(created, [.dispatch(unitIDs: [7]), .acknowledge, .arriveOnScene], startingAt: Fixtures.t0 + 1)
        let noViolations = TaskResult(outcome: .violationsFound, checklist: [ChecklistItem(text: "Check papers", done: true)])
        let error = transitionError {
            try TaskLifecycle.apply(.complete(noViolations), to: onScene, by: patrol, at: 1, expectedVersion: nil)
        }
        guard case .invalid(let issues) = error?.kind else {
            Issue.record("expected invalid, got \(String(describing: error))")
            return
        }
        #expect(issues.map(\.field) == ["result.violations", "result.checklist"])

        let ticked = [ChecklistItem(text: "Check papers", done: true), ChecklistItem(text: "Photo of seal", done: false)]
        let done = try TaskLifecycle.apply(
            .complete(TaskResult(outcome: .noFindings, checklist: ticked)), to: onScene, by: patrol, at: 1, expectedVersion: nil)
        #expect(done.checklist == ticked)
    }

    @Test func testFailAndCancelNeedAReason() throws {
        let task = try Fixtures.dispatchedTask()
        let error = transitionError {
            try TaskLifecycle.apply(.cancel(reason: "  "), to: task, by: Fixtures.dispatcher, at: 1, expectedVersion: nil)
        }
        #expect(error?.kind == .invalid([ValidationIssue(field: "reason", message: "must not be empty")]))
    }

    private func transitionError(_ body: () throws -> PatrolTask) -> TaskTransitionError? {
        do {
            _ = try body()
            return nil
        } catch let error as TaskTransitionError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }
}
