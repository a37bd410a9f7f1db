import Foundation
import MGISTasks
import Testing

@Suite struct RecurrenceRuleTests {
    /// Instants written out in UTC, parsed independently of the code under test.
    private func utc(_ text: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        let date = formatter.date(from: text)
        #expect(date != nil, "bad test date \(text)")
        return Int64(((date?.timeIntervalSince1970 ?? 0) * 1000).rounded())
    }

    private func rule(
        _ start: Int, _ end: Int, weekdays: Set<Int> = Set(1...7), first: String, last: String? = nil, count: Int? = nil,
        zone: String = "Europe/Vilnius"
    ) -> RecurrenceRule {
        RecurrenceRule(
            weekdays: weekdays, startMinuteOfDay: start, endMinuteOfDay: end, timeZoneIdentifier: zone, firstDay: first, lastDay: last,
            maximumCount: count)
    }

    @Test func testLocalHoursHoldAcrossSpringForward() throws {
        let windows = try rule(6 * 60, 10 * 60, first: "2025-03-29").expand(
            fromMillis: utc("2025-03-01T00:00:00Z"), toMillis: utc("2025-04-01T00:00:00Z"))
        #expect(windows.map(\.startMillis) == [utc("2025-03-29T04:00:00Z"), utc("2025-03-30T03:00:00Z"), utc("2025-03-31T03:00:00Z")])
        #expect(windows.map(\.durationMillis) == Array(repeating: 4 * 3_600_000, count: 3))
    }

    @Test func testOvernightWindowsAreShorterAndLongerOnChangeNights() throws {
        let spring = try rule(22 * 60, 6 * 60, first: "2025-03-29", last: "2025-03-29").expand(
            fromMillis: utc("2025-01-01T00:00:00Z"), toMillis: utc("2026-01-01T00:00:00Z"))
        #expect(spring == [TimeWindow(startMillis: utc("2025-03-29T20:00:00Z"), endMillis: utc("2025-03-30T03:00:00Z"))])
        let autumn = try rule(22 * 60, 6 * 60, first: "2025-10-25", last: "2025-10-25").expand(
            fromMillis: utc("2025-01-01T00:00:00Z"), toMillis: utc("2026-01-01T00:00:00Z"))
        #expect(autumn == [TimeWindow(startMillis: utc("2025-10-25T19:00:00Z"), endMillis: utc("2025-10-26T04:00:00Z"))])
    }

    @Test func testMissingAndRepeatedLocalTimes() throws {
        // 03:30 does not exist on 2025-03-30 in Vilnius: the window starts at 04:30 EEST.
        let gap = try rule(3 * 60 + 30, 5 * 60, first: "2025-03-30", count: 1).expand(
            fromMillis: utc("2025-01-01T00:00:00Z"), toMillis: utc("2026-01-01T00:00:00Z"))
        #expect(gap == [TimeWindow(startMillis: utc("2025-03-30T01:30:00Z"), endMillis: utc("2025-03-30T02:00:00Z"))])
        // 03:30 happens twice on 2025-10-26: the first (EEST) is used.
        let repeated = try rule(3 * 60 + 30, 5 * 60, first: "2025-10-26", count: 1).expand(
            fromMillis: utc("2025-01-01T00:00:00Z"), toMillis: utc("2026-01-01T00:00:00Z"))
        #expect(repeated == [TimeWindow(startMillis: utc("2025-10-26T00:30:00Z"), endMillis: utc("2025-10-26T03:00:00Z"))])
    }

    @Test func testWeekdaysCountsAndRangeBoundaries() throws {
        // 2025-03-28 is a Friday.
        let weekdays = try rule(6 * 60, 10 * 60, weekdays: RecurrenceRule.workdays, first: "2025-03-28")
            .expand(fromMillis: utc("2025-03-28T00:00:00Z"), toMillis: utc("2025-04-04T00:00:00Z"))
        #expect(
            weekdays.map(\.startMillis)
                == ["2025-03-28T04", "2025-03-31T03", "2025-04-01T03", "2025-04-02T03", "2025-04-03T03"].map { utc($0 + ":00:00Z") })

        let limited = rule(6 * 60, 10 * 60, first: "2025-06-01", count: 5)
        let late = try limited.expand(fromMillis: utc("2025-06-04T00:00:00Z"), toMillis: utc("2025-07-01T00:00:00Z"))
        #expect(late.map(\.startMillis) == [utc("2025-06-04T03:00:00Z"), utc("2025-06-05T03:00:00Z")])
        let startExcluded = try limited.expand(fromMillis: utc("2025-06-04T03:00:00Z") + 1, toMillis: utc("2025-06-05T03:00:00Z"))
        #expect(startExcluded.isEmpty)
    }

    @Test func testInvalidRulesNameTheirField() {
        let cases: [(RecurrenceRule, String)] = [
            (rule(0, 60, weekdays: [], first: "2025-01-01"), "weekdays"),
            (rule(0, 60, weekdays: [0, 8], first: "2025-01-01"), "weekdays"),
            (rule(1440, 60, first: "2025-01-01"), "startMinuteOfDay"),
            (rule(0, 1441, first: "2025-01-01"), "endMinuteOfDay"),
            (rule(0, 60, first: "2025-01-01", zone: "Europe/Atlantis"), "timeZoneIdentifier"),
            (rule(0, 60, first: "2025-02-30"), "firstDay"),
            (rule(0, 60, first: "2025-1-01"), "firstDay"),
            (rule(0, 60, first: "2025-01-02", last: "2025-01-01"), "lastDay"),
            (rule(0, 60, first: "2025-01-01", count: 0), "maximumCount"),
        ]
        for (rule, field) in cases {
            do {
                try rule.validate()
                Issue.record("\(rule) was accepted")
            } catch {
                #expect(error.field == field)
                #expect(!error.message.isEmpty)
            }
        }
    }
}
