import Foundation
import MGISCore
import MGISViolations
import Testing

@Suite struct TimeTests {
    let vilnius = "Europe/Vilnius"

    func at(_ text: String, type: String = "fuel", value: Double? = nil) -> Violation {
        Fixtures.violation(millis: Fixtures.millis(text), type: type, value: value)
    }

    /// Vilnius moves from EET (+02) to EEST (+03) at 2024-03-31T01:00Z and back at 2024-10-27T01:00Z.
    @Test func testHourWeekdayMatrixAcrossDaylightSaving() throws {
        let violations = [
            at("2024-03-30T21:59:59.999Z"),  // Saturday 23:59 +02
            at("2024-03-30T22:00:00Z"),  // Sunday 00:00 +02
            at("2024-03-31T00:30:00Z"),  // Sunday 02:30 +02
            at("2024-03-31T01:30:00Z"),  // Sunday 04:30 +03 (03:xx does not exist that night)
            at("2024-10-27T00:30:00Z"),  // Sunday 03:30 +03
            at("2024-10-27T01:30:00Z"),  // Sunday 03:30 +02, the repeated hour
            at("2024-04-01T09:15:00+03:00"),  // Monday 09
        ]
        let matrix = try HourWeekdayMatrix.compute(violations, timeZoneIdentifier: vilnius)
        var expected = [Int](repeating: 0, count: 168)
        expected[(6 - 1) * 24 + 23] = 1
        expected[(7 - 1) * 24 + 0] = 1
        expected[(7 - 1) * 24 + 2] = 1
        expected[(7 - 1) * 24 + 4] = 1
        expected[(7 - 1) * 24 + 3] = 2
        expected[(1 - 1) * 24 + 9] = 1
        #expect(matrix.counts == expected)
        #expect(matrix.total(weekday: 7) == 5 && matrix.total == 7)

        let utc = try HourWeekdayMatrix.compute(violations, timeZoneIdentifier: "UTC")
        #expect(utc.count(weekday: 7, hour: 0) == 2 && utc.count(weekday: 6, hour: 21) == 1)
        #expect(throws: ViolationError.self) { try HourWeekdayMatrix.compute(violations, timeZoneIdentifier: "Mars/Olympus") }
    }

    /// Hour and weekday against Foundation's Calendar for instants spread over six years.
    @Test func testMatrixAgreesWithCalendar() throws {
        var rng = SplitMix64(seed: 3)
        for zone in ["America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", vilnius] {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: zone)!
            let start = Fixtures.millis("2020-01-01T00:00:00Z")
            let instants = (0..<200).map { _ in start + Int64(rng.unit() * 6 * 365 * 86_400_000) }
            let matrix = try HourWeekdayMatrix.compute(instants.map { Fixtures.violation(millis: $0) }, timeZoneIdentifier: zone)
            var expected = [Int](repeating: 0, count: 168)
            for millis in instants {
                let date = Date(timeIntervalSince1970: Double(millis) / 1000)
                let isoWeekday = (calendar.component(.weekday, from: date) + 5) % 7 + 1
                expected[(isoWeekday - 1) * 24 + calendar.component(.hour, from: date)] += 1
            }
            #expect(matrix.counts == expected, "\(zone)")
        }
    }

    @Test func testWeeklyTrendAcrossDaylightSaving() throws {
        let violations = [
            at("2024-03-25T10:00:00+02:00", value: 100),
            at("2024-03-31T23:30:00+03:00", value: 50),  // still Sunday of the first week
            at("2024-04-01T00:30:00+03:00", type: "alcohol"),
            at("2024-04-10T12:00:00+03:00", value: 300),
            at("2024-04-11T12:00:00+03:00"),
            at("2024-04-14T23:59:00+03:00"),
        ]
        let trends = try Trends.compute(violations, period: .week, timeZoneIdentifier: vilnius)
        // Mondays 00:00 local: 03-25 at +02, 04-01 and 04-08 at +03.
        let starts = ["2024-03-24T22:00:00Z", "2024-03-31T21:00:00Z", "2024-04-07T21:00:00Z"].map(Fixtures.millis)
        #expect(trends.total.buckets.map(\.startMillis) == starts)
        #expect(trends.total.buckets.map(\.count) == [2, 1, 3])
        #expect(trends.total.buckets.map(\.countChange) == [nil, -1, 2])
        #expect(trends.total.buckets.map(\.countChangePercent) == [nil, -50, 200])

        #expect(trends.byType.map(\.typeCode) == ["alcohol", "fuel"])
        let fuel = trends.byType[1].buckets
        #expect(fuel.map(\.count) == [2, 0, 3])
        #expect(fuel.map(\.valueSumEUR) == [150, 0, 300])
        #expect(fuel.map(\.countChangePercent) == [nil, -100, nil])
        #expect(fuel.map(\.valueChangeEUR) == [nil, -150, 300])
        #expect(fuel.map(\.valueChangePercent) == [nil, -100, nil])
        let alcohol = trends.byType[0].buckets
        #expect(alcohol.map(\.count) == [0, 1, 0] && alcohol.map(\.countChangePercent) == [nil, nil, -100])
    }

    @Test func testMonthlyTrendUsesLocalMonths() throws {
        let violations = [
            at("2024-01-31T23:30:00+02:00"),  // January locally
            at("2024-02-01T00:30:00+02:00"),  // February locally, 2024-01-31T22:30Z in UTC
            at("2024-04-01T00:10:00+03:00"),
        ]
        let trends = try Trends.compute(violations, period: .month, timeZoneIdentifier: vilnius)
        let starts = ["2023-12-31T22:00:00Z", "2024-01-31T22:00:00Z", "2024-02-29T22:00:00Z", "2024-03-31T21:00:00Z"].map(Fixtures.millis)
        #expect(trends.total.buckets.map(\.startMillis) == starts)
        #expect(trends.total.buckets.map(\.count) == [1, 1, 0, 1])
        #expect(trends.total.buckets.map(\.countChangePercent) == [nil, 0, -100, nil])
    }

    @Test func testFilterTimeRangeSetsTheSpan() throws {
        let range = Fixtures.millis("2024-01-01T00:00:00Z")..<Fixtures.millis("2024-04-01T00:00:00Z")
        let trends = try Trends.compute([at("2024-02-10T12:00:00Z")], filter: AnalysisFilter(timeRange: range), period: .month, timeZoneIdentifier: "UTC")
        #expect(trends.total.buckets.map(\.count) == [0, 1, 0])
        let none = try Trends.compute([], period: .week, timeZoneIdentifier: "UTC")
        #expect(none.total.buckets.isEmpty && none.byType.isEmpty)
    }
}
