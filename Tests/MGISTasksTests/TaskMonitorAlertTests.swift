import MGISCore
import MGISTasks
import Testing

@Suite struct TaskMonitorAlertTests {
    let t0 = Fixtures.t0
    let start = Fixtures.t0 + Fixtures.hour
    let end = Fixtures.t0 + 3 * Fixtures.hour

    @Test func testLeftEarlyFiresAtTheDepartingFixOnlyOnce() throws {
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7]))
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(start - 1000))
        let leaving = monitor.observe(unitID: 7, fix: Fixtures.fixOutside(start + 5000))
        #expect(leaving.count == 2)
        guard case .alert(let alert) = leaving.last else {
            Issue.record("no alert in \(leaving)")
            return
        }
        #expect(alert.kind == .leftAreaEarly)
        #expect(alert.unitID == 7)
        #expect(alert.taskID == 1)
        #expect(alert.raisedMillis == start + 5000)
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(start + 6000))
        #expect(
            monitor.observe(unitID: 7, fix: Fixtures.fixOutside(start + 7000)) == [.departed(taskID: 1, unitID: 7, atMillis: start + 7000)])
    }

    @Test func testLeavingBeforeTheWindowOrAtItsEndIsNotEarly() throws {
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7]))
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 1000))
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 2000)) == [.departed(taskID: 1, unitID: 7, atMillis: t0 + 2000)])
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(end - 1000))
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixOutside(end)) == [.departed(taskID: 1, unitID: 7, atMillis: end)])
    }

    @Test func testNotOnSceneAtStartFiresFromStartOnceAndOnlyForAbsentUnits() throws {
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7, 8]))
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(start - 60_000))
        _ = monitor.observe(unitID: 8, fix: Fixtures.fixOutside(start - 60_000))
        #expect(monitor.tick(nowMillis: start - 1).isEmpty)
        let alerts = monitor.tick(nowMillis: start)
        #expect(alerts.map(\.kind) == [.notOnSceneAtStart])
        #expect(alerts.map(\.unitID) == [8])
        #expect(alerts.map(\.raisedMillis) == [start])
        #expect(monitor.tick(nowMillis: start + 1).isEmpty)
    }

    @Test func testArrivingJustAfterTheStartIsStillNotOnScene() throws {
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7]))
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixOutside(start - 1000))
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(start + 1000))
        #expect(monitor.tick(nowMillis: start + 2000).map(\.kind) == [.notOnSceneAtStart])

        var onTime = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7]))
        _ = onTime.observe(unitID: 7, fix: Fixtures.fixInside(start))
        _ = onTime.observe(unitID: 7, fix: Fixtures.fixInside(start + 1000))
        #expect(onTime.tick(nowMillis: start + 2000).isEmpty)
    }

    @Test func testUnitDispatchedAfterTheStartIsNotBlamed() throws {
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7], dispatchedAt: start + 1))
        #expect(monitor.tick(nowMillis: start + 2).isEmpty)
    }

    @Test func testWindowEndedFiresOnceAtTheEnd() throws {
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7]))
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(start - 1000))
        #expect(monitor.tick(nowMillis: end - 1).isEmpty)
        let alerts = monitor.tick(nowMillis: end)
        #expect(alerts.map(\.kind) == [.windowEndedNotCompleted])
        #expect(alerts.first?.unitID == nil)
        #expect(monitor.tick(nowMillis: end + Fixtures.hour).isEmpty)
    }

    @Test func testNotAcknowledgedFiresOnceAndRedispatchRearmsIt() throws {
        let configuration = TaskMonitorConfiguration(acknowledgeTimeoutMillis: 5 * Fixtures.minute)
        let task = try Fixtures.dispatchedTask(units: [7], dispatchedAt: t0)
        var monitor = TaskMonitor(task: task, configuration: configuration)
        #expect(monitor.tick(nowMillis: t0 + 5 * Fixtures.minute - 1).isEmpty)
        #expect(monitor.tick(nowMillis: t0 + 5 * Fixtures.minute).map(\.kind) == [.notAcknowledged])
        #expect(monitor.tick(nowMillis: t0 + 6 * Fixtures.minute).isEmpty)
        let moved = try TaskLifecycle.apply(
            .redispatch(unitIDs: [8]), to: task, by: Fixtures.dispatcher, at: t0 + 10 * Fixtures.minute, expectedVersion: nil)
        monitor.update(task: moved)
        #expect(monitor.tick(nowMillis: t0 + 14 * Fixtures.minute).isEmpty)
        #expect(monitor.tick(nowMillis: t0 + 15 * Fixtures.minute).map(\.kind) == [.notAcknowledged])
    }

    @Test func testFinishedTaskRaisesNothing() throws {
        let task = try Fixtures.advance(Fixtures.dispatchedTask(units: [7]), [.cancel(reason: "Storm")], startingAt: t0 + 1)
        var monitor = TaskMonitor(task: task, configuration: TaskMonitorConfiguration(acknowledgeTimeoutMillis: 1))
        #expect(monitor.tick(nowMillis: end + 1).isEmpty)
    }
}
