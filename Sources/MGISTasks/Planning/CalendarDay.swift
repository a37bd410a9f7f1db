import MGISCore

/// A day of the proleptic Gregorian calendar, counted as days since 1970-01-01, so that
/// recurrence can step through days and find weekdays with integer arithmetic.
struct CalendarDay: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01.
    let dayNumber: Int64

    init(dayNumber: Int64) {
        self.dayNumber = dayNumber
    }

    /// Parses `YYYY-MM-DD`, refusing impossible dates such as 2025-02-30.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
            let year = Int64(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            CivilDate.isValid(year: year, month: month, day: day)
        else { return nil }
        self.init(dayNumber: CivilDate(year: year, month: month, day: day).dayNumber)
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
    var isoWeekday: Int {
        Int(((dayNumber + 3) % 7 + 7) % 7) + 1
    }

    static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.dayNumber < rhs.dayNumber }
}
