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
            let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
            (1...12).contains(month), (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(dayNumber: CalendarDay.daysFromCivil(year: year, month: month, day: day))
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
    var isoWeekday: Int {
        Int(((dayNumber + 3) % 7 + 7) % 7) + 1
    }

    static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
