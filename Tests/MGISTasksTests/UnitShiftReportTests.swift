import MGISCore
import MGISTasks
import Testing

@Suite struct UnitShiftReportTests {
    let t0 = Fixtures.t0
    let hour = Fixtures.hour

    private func state(task: Int64, unit: Int64 = 7, arrival: Int64?, visits: [UnitVisit], distance: Double) -> TaskMonitoringState {
        TaskMonitoringState(
            taskID: task,
            units: [
                UnitMonitoringState(
                    unitID: unit, isAssigned: true, isInside: visits.last?.departureMillis == nil && !visits.isEmpty,
                    firstArrivalMillis: arrival, lastArrivalMillis: visits.last?.arrivalMillis,
                    lastDepartureMillis: visits.last?.departureMillis,
                    timeOnSceneMillis: 0, distanceMeters: distance, visits: visits
                )
            ]
        )
    }

    private func window(_ startHour: Int64, _ endHour: Int64) -> TimeWindow {
        TimeWindow(startMillis: t0 + startHour * hour, endMillis: t0 + endHour * hour)
    }

    @Test func testCountsRatesTimeAndDistanceOverAShift() throws {
        // Shift: t0 + 1 h ..< t0 + 9 h.
        let onTime = try Fixtures.advance(
            Fixtures.dispatchedTask(id: 1, units: [7], window: window(2, 4)),
            [.acknowledge, .arriveOnScene, .complete(TaskResult(outcome: .noFindings))], startingAt: t0 + 1)
        let late = try Fixtures.advance(
            Fixtures.dispatchedTask(id: 2, units: [7], window: window(5, 6)), [.acknowledge, .arriveOnScene, .fail(reason: "Lost")],
            startingAt: t0 + 1)
        let otherUnit = try Fixtures.dispatchedTask(id: 3, units: [8], window: window(2, 4))
        let outsideShift = try Fixtures.dispatchedTask(id: 4, units: [7], window: window(10, 12))
        let cancelled = try Fixtures.advance(
            Fixtures.dispatchedTask(id: 5, units: [7], window: window(3, 4)), [.cancel(reason: "Storm")], startingAt: t0 + 1)
        let monitoring: [Int64: TaskMonitoringState] = [
            1: state(
                task: 1, arrival: t0 + 2 * hour,
                visits: [UnitVisit(arrivalMillis: t0 + 2 * hour, departureMillis: t0 + 4 * hour, isDepartureObserved: true)], distance: 1000
            ),
            // Arrived a minute late and is still inside: counts up to now, clipped to the shift.
            2: state(
                task: 2, arrival: t0 + 5 * hour + 60_000,
                visits: [UnitVisit(arrivalMillis: t0 + 5 * hour + 60_000, departureMillis: nil, isDepartureObserved: false)],
                distance: 500
            ),
            3: state(task: 3, unit: 8, arrival: t0, visits: [], distance: 9999),
        ]
        let report = UnitShiftReport(
            unitID: 7, unitName: "Vilnius-1", fromMillis: t0 + hour, toMillis: t0 + 9 * hour,
            tasks: [onTime, late, otherUnit, outsideShift, cancelled], monitoring: monitoring, nowMillis: t0 + 20 * hour
        )
        #expect(report.taskCount == 3)
        #expect(report.completedCount == 1)
        #expect(report.failedCount == 1)
        #expect(report.onTimeEligible == 2)
        #expect(report.onTime == 1)
        #expect(report.onTimeRate == 0.5)
        #expect(report.timeOnSceneMillis == 2 * hour + (4 * hour - 60_000))
        #expect(report.distanceMeters == 1500)
    }

    @Test func testNoEligibleTaskHasNoRate() {
        let report = UnitShiftReport(unitID: 7, unitName: "x", fromMillis: 0, toMillis: 1, tasks: [], monitoring: [:], nowMillis: 1)
        #expect(report.onTimeRate == nil)
        #expect(UnitShiftReport.csv([report]).hasSuffix(",0,0,,0,0\r\n"))
    }

    @Test func testCSVQuotesOnlyWhatRFC4180Requires() throws {
        var plain = UnitShiftReport(
            unitID: 7, unitName: "Vilnius-1", fromMillis: 10, toMillis: 20, tasks: [], monitoring: [:], nowMillis: 20)
        plain.onTime = 2
        plain.onTimeEligible = 3
        plain.distanceMeters = 1234.5
        var tricky = plain
        tricky.unitID = 8
        tricky.unitName = "Kaunas \"North\", night\r\nshift"
        let csv = UnitShiftReport.csv([plain, tricky])
        let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let header =
            "unit_id,unit_name,from_millis,to_millis,tasks,completed,failed,"
            + "on_time,on_time_eligible,on_time_percent,time_on_scene_millis,distance_meters"
        #expect(lines[0] == header)
        #expect(lines[1] == "7,Vilnius-1,10,20,0,0,0,2,3,66.7,0,1235")
        #expect(lines[2] == "8,\"Kaunas \"\"North\"\", night")
        #expect(lines[3] == "shift\",10,20,0,0,0,2,3,66.7,0,1235")
        #expect(lines[4] == "")
        #expect(lines.count == 5)
    }
}
