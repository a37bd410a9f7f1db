import MGISTasks
import Testing

@Suite struct TaskEscalationTests {
    @Test func testOnlyDispatchedTasksPastTheTimeoutAreReturned() throws {
        let t0 = Fixtures.t0
        let old = try Fixtures.dispatchedTask(id: 1, dispatchedAt: t0)
        let fresh = try Fixtures.dispatchedTask(id: 2, dispatchedAt: t0 + 4 * Fixtures.minute)
        let acknowledged = try Fixtures.advance(Fixtures.dispatchedTask(id: 3, dispatchedAt: t0), [.acknowledge], startingAt: t0 + 1)
        let draft = try Fixtures.draftTask(id: 4)
        let alerts = TaskEscalation.unacknowledged(
            [old, fresh, acknowledged, draft],
            nowMillis: t0 + 5 * Fixtures.minute,
            acknowledgeTimeoutMillis: 5 * Fixtures.minute
        )
        #expect(alerts.map(\.taskID) == [1])
        #expect(alerts.first?.kind == .notAcknowledged)
        #expect(alerts.first?.message.contains("5 min") == true)
    }

    @Test func testARedispatchRestartsTheClock() throws {
        let t0 = Fixtures.t0
        let task = try Fixtures.advance(
            Fixtures.dispatchedTask(units: [7], dispatchedAt: t0), [.redispatch(unitIDs: [8])], startingAt: t0 + 10 * Fixtures.minute)
        #expect(
            TaskEscalation.unacknowledged([task], nowMillis: t0 + 12 * Fixtures.minute, acknowledgeTimeoutMillis: 5 * Fixtures.minute)
                .isEmpty)
        #expect(
            TaskEscalation.unacknowledged([task], nowMillis: t0 + 15 * Fixtures.minute, acknowledgeTimeoutMillis: 5 * Fixtures.minute).count
                == 1)
    }
}
