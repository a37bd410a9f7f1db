import Foundation
import MGISCore
import MGISTasks
import Testing

@Suite struct TaskMonitorBoardTests {
    let t0 = Fixtures.t0

    @Test func testPanicIsRaisedInTheSameObserveCallWithoutAnyTask() {
        var board = TaskMonitorBoard()
        let events = board.observe(unitID: 42, fix: Fixtures.fixOutside(t0, flags: [.alarm]))
        guard case .alert(let alert) = events.first else {
            Issue.record("no panic alert in \(events)")
            return
        }
        #expect(alert.kind == .panic)
        #expect(alert.unitID == 42)
        #expect(board.unitsInAlarm == [42])
    }

    @Test func testTwoUnitsOnOneTaskAreTrackedSeparately() throws {
        var board = TaskMonitorBoard()
        board.add(try Fixtures.dispatchedTask(id: 1, units: [7, 8]))
        _ = board.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 1000))
        _ = board.observe(unitID: 8, fix: Fixtures.fixOutside(t0 + 2000))
        _ = board.observe(unitID: 8, fix: Fixtures.fixInside(t0 + 5000))
        _ = board.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 9000))
        let state = try #require(board.monitoringState(ofTask: 1, nowMillis: t0 + 10_000))
        #expect(state.units.map(\.unitID) == [7, 8])
        #expect(state.unit(7)?.timeOnSceneMillis == 8000)
        #expect(state.unit(8)?.timeOnSceneMillis == 5000)
        #expect(state.unit(8)?.firstArrivalMillis == t0 + 5000)
    }

    @Test func testAUnitWithTwoTasksGetsEventsForEach() throws {
        var board = TaskMonitorBoard()
        let center = GeoPoint(latitude: Fixtures.inside.lat, longitude: Fixtures.inside.lon)
        board.add(try Fixtures.dispatchedTask(id: 1, units: [7]))
        board.add(try Fixtures.dispatchedTask(id: 2, units: [7], area: .circle(center: center, radiusMeters: 200)))
        #expect(board.taskIDs(ofUnit: 7) == [1, 2])
        let edge = Fixtures.fix(t0 + 1000, 54.61, 25.25)  // in the square, far from the circle
        #expect(board.observe(unitID: 7, fix: edge) == [.arrived(taskID: 1, unitID: 7, atMillis: t0 + 1000)])
        let middle = Fixtures.fixInside(t0 + 2000)
        #expect(board.observe(unitID: 7, fix: middle) == [.arrived(taskID: 2, unitID: 7, atMillis: t0 + 2000)])
        #expect(
            board.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 3000)) == [
                .departed(taskID: 1, unitID: 7, atMillis: t0 + 3000), .departed(taskID: 2, unitID: 7, atMillis: t0 + 3000),
            ]
        )
    }

    @Test func testFinishedTasksLeaveTheIndexButStayReadableUntilRemoved() throws {
        var board = TaskMonitorBoard()
        let task = try Fixtures.dispatchedTask(id: 1, units: [7])
        board.add(task)
        _ = board.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 1000))
        board.update(try Fixtures.advance(task, [.cancel(reason: "Storm")], startingAt: t0 + 4000))
        #expect(board.taskIDs(ofUnit: 7).isEmpty)
        #expect(board.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 5000)).isEmpty)
        #expect(board.monitoringState(ofTask: 1, nowMillis: t0 + 9000)?.unit(7)?.timeOnSceneMillis == 3000)
        #expect(board.tick(nowMillis: t0 + 100 * Fixtures.hour).isEmpty)
        board.remove(taskID: 1)
        #expect(board.monitoringState(ofTask: 1, nowMillis: t0) == nil)
        #expect(board.taskIDs.isEmpty)
    }

    @Test func testDraftsAreNotMonitoredAndUpdateAddsActiveTasks() throws {
        var board = TaskMonitorBoard()
        let draft = try Fixtures.draftTask(id: 3)
        board.update(draft)
        #expect(board.taskIDs.isEmpty)
        board.update(try Fixtures.advance(draft, [.dispatch(unitIDs: [5])], startingAt: t0))
        #expect(board.taskIDs(ofUnit: 5) == [3])
    }

    @Test func testRedispatchMovesTheIndexToTheNewUnits() throws {
        var board = TaskMonitorBoard()
        let task = try Fixtures.dispatchedTask(id: 1, units: [7])
        board.add(task)
        board.update(try Fixtures.advance(task, [.redispatch(unitIDs: [8, 9])], startingAt: t0 + 1000))
        #expect(board.taskIDs(ofUnit: 7).isEmpty)
        #expect(board.taskIDs(ofUnit: 8) == [1])
        #expect(board.taskIDs(ofUnit: 9) == [1])
    }

    @Test func testTickCollectsAlertsOfAllTasksInTaskOrder() throws {
        var board = TaskMonitorBoard()
        for id in [3, 1, 2] as [Int64] { board.add(try Fixtures.dispatchedTask(id: id, units: [id * 10])) }
        let alerts = board.tick(nowMillis: t0 + Fixtures.hour)
        #expect(alerts.map(\.taskID) == [1, 2, 3])
        #expect(alerts.allSatisfy { $0.kind == .notOnSceneAtStart })
        #expect(board.tick(nowMillis: t0 + Fixtures.hour + 1).isEmpty)
    }

    /// The box precheck must never change an answer: arrivals follow `GeoArea.contains` exactly.
    @Test func testBoardAgreesWithGeoAreaContainsOnRandomPoints() throws {
        var random = SplitMix64(seed: 2025)
        let center = GeoPoint(latitude: 54.65, longitude: 25.25)
        let areas: [GeoArea] = [
            Fixtures.square, .circle(center: center, radiusMeters: 3000),
            .circle(center: GeoPoint(latitude: 0, longitude: 179.99), radiusMeters: 5000),
        ]
        for (offset, area) in areas.enumerated() {
            var board = TaskMonitorBoard()
            board.add(try Fixtures.dispatchedTask(id: 1, units: [7], area: area))
            var wasInside = false
            for step in 1...2000 {
                let anchor = offset == 2 ? GeoPoint(latitude: 0, longitude: 179.99) : center
                let lat = anchor.latitude + random.uniform(-0.1...0.1)
                var lon = anchor.longitude + random.uniform(-0.12...0.12)
                if lon > 180 { lon -= 360 }
                let fix = Fixtures.fix(t0 + Int64(step), lat, lon)
                let inside = area.contains(fix.point)
                let events = board.observe(unitID: 7, fix: fix)
                let expected: [TaskEvent] =
                    inside == wasInside
                    ? []
                    : inside
                        ? [.arrived(taskID: 1, unitID: 7, atMillis: fix.timeMillis)]
                        : [.departed(taskID: 1, unitID: 7, atMillis: fix.timeMillis)]
                #expect(events.filter { if case .alert = $0 { false } else { true } } == expected)
                wasInside = inside
            }
        }
    }
}

