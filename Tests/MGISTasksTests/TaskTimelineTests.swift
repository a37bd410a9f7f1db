import MGISCore
import MGISTasks
import Testing

@Suite struct TaskTimelineTests {
    let t0 = Fixtures.t0

    @Test func testMergesHistoryVisitsAndAlertsInTimeOrder() throws {
        let dispatched = try Fixtures.dispatchedTask(units: [7], dispatchedAt: t0)
        var board = TaskMonitorBoard()
        board.add(dispatched)
        _ = board.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 3 * Fixtures.minute))
        let leaving = board.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 2 * Fixtures.hour))
        let alerts = leaving.compactMap { if case .alert(let alert) = $0 { alert } else { nil } }
        let task = try Fixtures.advance(dispatched, [.acknowledge], startingAt: t0 + Fixtures.minute)
        let stranger = TaskAlert(kind: .panic, taskID: 55, unitID: 1, raisedMillis: t0, message: "other task")

        let timeline = TaskTimeline(
            task: task, monitoring: board.monitoringState(ofTask: 1, nowMillis: t0 + 3 * Fixtures.hour), alerts: alerts + [stranger])
        #expect(
            timeline.entries.map(\.atMillis) == [
                t0 - Fixtures.minute, t0, t0 + Fixtures.minute, t0 + 3 * Fixtures.minute, t0 + 2 * Fixtures.hour, t0 + 2 * Fixtures.hour,
            ])
        #expect(
            timeline.entries.map(\.kind) == [
                .action(.create, from: nil, to: .draft), .action(.dispatch, from: .draft, to: .dispatched),
                .action(.acknowledge, from: .dispatched, to: .acknowledged), .arrived, .departed, .alert(.leftAreaEarly),
            ]
        )
        #expect(timeline.entries[3].unitIDs == [7])
    }

    @Test func testAVisitClosedByTheTaskEndingIsNotADeparture() throws {
        let onScene = try Fixtures.advance(Fixtures.dispatchedTask(units: [7]), [.acknowledge, .arriveOnScene], startingAt: t0 + 1)
        var monitor = TaskMonitor(task: onScene)
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 10 * Fixtures.minute))
        let done = try TaskLifecycle.apply(
            .complete(TaskResult(outcome: .noFindings)), to: onScene, by: Fixtures.dispatcher, at: t0 + Fixtures.hour, expectedVersion: nil)
        monitor.update(task: done)
        let timeline = TaskTimeline(task: done, monitoring: monitor.monitoringState(nowMillis: t0 + 2 * Fixtures.hour))
        #expect(!timeline.entries.contains { $0.kind == .departed })
        #expect(timeline.entries.last?.kind == .action(.complete, from: .onScene, to: .completed))
    }
}
