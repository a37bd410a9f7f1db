import Foundation
import MGISCore
import MGISTasks
import Testing

@Suite struct TaskMonitorTests {
    let t0 = Fixtures.t0
    let second: Int64 = 1000

    /// Metres between two latitudes on one meridian: what haversine must give there.
    private func meridianMeters(_ degrees: Double) -> Double {
        GeoPoint.earthRadiusMeters * degrees * .pi / 180
    }

    @Test func testDriveInStayLeaveGivesExactTimesAndDistance() throws {
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7]))
        let track = [
            Fixtures.fix(t0 + 10 * second, 54.80, 25.25),
            Fixtures.fix(t0 + 20 * second, 54.75, 25.25),
            Fixtures.fix(t0 + 30 * second, 54.65, 25.25),
            Fixtures.fix(t0 + 90 * second, 54.66, 25.25),
            Fixtures.fix(t0 + 150 * second, 54.80, 25.25),
        ]
        let events = track.flatMap { monitor.observe(unitID: 7, fix: $0) }
        #expect(
            events == [
                .arrived(taskID: 1, unitID: 7, atMillis: t0 + 30 * second), .departed(taskID: 1, unitID: 7, atMillis: t0 + 150 * second),
            ])

        let unit = try #require(monitor.monitoringState(nowMillis: t0 + 999 * second).unit(7))
        #expect(unit.timeOnSceneMillis == 120 * second)
        #expect(unit.firstArrivalMillis == t0 + 30 * second)
        #expect(unit.lastDepartureMillis == t0 + 150 * second)
        #expect(!unit.isInside)
        #expect(unit.visits == [UnitVisit(arrivalMillis: t0 + 30 * second, departureMillis: t0 + 150 * second, isDepartureObserved: true)])
        #expect(abs(unit.distanceMeters - meridianMeters(0.05 + 0.10 + 0.01 + 0.14)) < 0.01)
    }

    @Test func testOpenVisitCountsUpToNowAndRepeatedVisitsAdd() throws {
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7]))
        for fix in [Fixtures.fixInside(t0 + 5 * second), Fixtures.fixOutside(t0 + 25 * second), Fixtures.fixInside(t0 + 40 * second)] {
            _ = monitor.observe(unitID: 7, fix: fix)
        }
        let unit = try #require(monitor.monitoringState(nowMillis: t0 + 100 * second).unit(7))
        #expect(unit.isInside)
        #expect(unit.timeOnSceneMillis == 20 * second + 60 * second)
        #expect(unit.lastArrivalMillis == t0 + 40 * second)
        #expect(unit.firstArrivalMillis == t0 + 5 * second)
    }

    @Test func testCircleAreaIncludesItsRim() throws {
        let center = GeoPoint(latitude: 54.65, longitude: 25.25)
        let degreesPerMeter = 180 / (.pi * GeoPoint.earthRadiusMeters)
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7], area: .circle(center: center, radiusMeters: 500)))
        let far = monitor.observe(unitID: 7, fix: Fixtures.fix(t0 + 1, 54.65 + 600 * degreesPerMeter, 25.25))
        let near = monitor.observe(unitID: 7, fix: Fixtures.fix(t0 + 2, 54.65 + 400 * degreesPerMeter, 25.25))
        let outAgain = monitor.observe(unitID: 7, fix: Fixtures.fix(t0 + 3, 54.65, 25.25 + 600 * degreesPerMeter / cos(54.65 * .pi / 180)))
        #expect(far.isEmpty)
        #expect(near == [.arrived(taskID: 1, unitID: 7, atMillis: t0 + 2)])
        #expect(outAgain == [.departed(taskID: 1, unitID: 7, atMillis: t0 + 3)])
    }

    @Test func testPolygonHoleCountsAsOutside() throws {
        let outer = [(54.60, 25.20), (54.60, 25.30), (54.70, 25.30), (54.70, 25.20)].map { GeoPoint(latitude: $0.0, longitude: $0.1) }
        let hole = [(54.64, 25.24), (54.64, 25.26), (54.66, 25.26), (54.66, 25.24)].map { GeoPoint(latitude: $0.0, longitude: $0.1) }
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7], area: .polygon(GeoPolygon(outer: outer, holes: [hole]))))
        let ring = monitor.observe(unitID: 7, fix: Fixtures.fix(t0 + 1000, 54.62, 25.25))
        let inHole = monitor.observe(unitID: 7, fix: Fixtures.fix(t0 + 4000, 54.65, 25.25))
        let backOnRing = monitor.observe(unitID: 7, fix: Fixtures.fix(t0 + 6000, 54.68, 25.25))
        #expect(ring == [.arrived(taskID: 1, unitID: 7, atMillis: t0 + 1000)])
        #expect(inHole == [.departed(taskID: 1, unitID: 7, atMillis: t0 + 4000)])
        #expect(backOnRing == [.arrived(taskID: 1, unitID: 7, atMillis: t0 + 6000)])
        let onScene = monitor.monitoringState(nowMillis: t0 + 7000).unit(7)?.timeOnSceneMillis
        #expect(onScene == Int64(3000 + 1000))
    }

    @Test func testInvalidLateAndPreDispatchFixesAreIgnored() throws {
        var monitor = TaskMonitor(task: try Fixtures.dispatchedTask(units: [7], dispatchedAt: t0))
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 - 1)).isEmpty)
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 10, flags: [])).isEmpty)
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 20)).isEmpty)
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 15)).isEmpty)  // older than t0 + 20
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 20)).isEmpty)  // same time: a duplicate
        #expect(monitor.observe(unitID: 8, fix: Fixtures.fixInside(t0 + 30)).isEmpty)  // not assigned
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 30)) == [.arrived(taskID: 1, unitID: 7, atMillis: t0 + 30)])
        let distance = try #require(monitor.monitoringState(nowMillis: t0 + 30).unit(7)?.distanceMeters)
        #expect(abs(distance - meridianMeters(Fixtures.outside.lat - Fixtures.inside.lat)) < 0.01)
    }

    @Test func testTerminalTaskClosesTheVisitAndFreezes() throws {
        let task = try Fixtures.advance(Fixtures.dispatchedTask(units: [7]), [.acknowledge, .arriveOnScene], startingAt: t0 + 1)
        var monitor = TaskMonitor(task: task)
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 10 * second))
        let completedAt = t0 + 70 * second
        let done = try TaskLifecycle.apply(
            .complete(TaskResult(outcome: .noFindings)), to: task, by: Fixtures.dispatcher, at: completedAt, expectedVersion: nil)
        monitor.update(task: done)
        #expect(!monitor.isWatching)
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 80 * second)).isEmpty)
        let unit = try #require(monitor.monitoringState(nowMillis: t0 + 999 * second).unit(7))
        #expect(unit.timeOnSceneMillis == completedAt - (t0 + 10 * second))
        #expect(unit.visits.first?.isDepartureObserved == false)
        #expect(unit.lastDepartureMillis == nil)
        #expect(unit.isInside, "inside when the task finished: its last known place is the area, it did not leave")
    }

    @Test func testAUnitTakenOffInsideReadsInsideUntilAFixOutside() throws {
        let task = try Fixtures.dispatchedTask(units: [7])
        var monitor = TaskMonitor(task: task)
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 1000))
        let moved = try TaskLifecycle.apply(.redispatch(unitIDs: [8]), to: task, by: Fixtures.dispatcher, at: t0 + 2000, expectedVersion: nil)
        monitor.update(task: moved)
        #expect(monitor.monitoringState(nowMillis: t0 + 3000).unit(7)?.isInside == true)
        let back = try TaskLifecycle.apply(.redispatch(unitIDs: [7]), to: moved, by: Fixtures.dispatcher, at: t0 + 4000, expectedVersion: nil)
        monitor.update(task: back)
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 5000))
        #expect(monitor.monitoringState(nowMillis: t0 + 6000).unit(7)?.isInside == false)
    }

    @Test func testRedispatchStopsTheOldUnitAndTracksTheNewOne() throws {
        let task = try Fixtures.dispatchedTask(units: [7])
        var monitor = TaskMonitor(task: task)
        _ = monitor.observe(unitID: 7, fix: Fixtures.fixInside(t0 + 1000))
        let moved = try TaskLifecycle.apply(
            .redispatch(unitIDs: [8]), to: task, by: Fixtures.dispatcher, at: t0 + 5000, expectedVersion: nil)
        monitor.update(task: moved)
        #expect(monitor.watchedUnitIDs == [8])
        #expect(monitor.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 6000)).isEmpty)
        #expect(monitor.observe(unitID: 8, fix: Fixtures.fixInside(t0 + 4000)).isEmpty)  // before its dispatch
        #expect(monitor.observe(unitID: 8, fix: Fixtures.fixInside(t0 + 7000)) == [.arrived(taskID: 1, unitID: 8, atMillis: t0 + 7000)])
        let state = monitor.monitoringState(nowMillis: t0 + 9000)
        #expect(state.unit(7)?.timeOnSceneMillis == 4000)
        #expect(state.unit(7)?.isAssigned == false)
        #expect(state.unit(8)?.timeOnSceneMillis == 2000)
    }
}
