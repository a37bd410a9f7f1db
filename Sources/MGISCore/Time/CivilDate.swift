/// A proleptic Gregorian calendar date with integer conversions to and from day numbers
/// counted from 1970-01-01 (Howard Hinnant's `days_from_civil` / `civil_from_days`).
///
/// Integer arithmetic rather than Foundation's `Calendar`, so timestamps, recurrence and trend
/// buckets do not depend on the machine's locale or time zone database.
public struct CivilDate: Hashable, Sendable {
    public var year: Int64
    public var month: Int
    public var day: Int

    public init(year: Int64, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of day number `days` (0 = 1970-01-01).
    public init(day days: Int64) {
        let z = days + 719_468  // days from 0000-03-01, so leap days fall at the end of a year
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097  // 0 ... 146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from March 1st
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
        month = Int(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9)
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The day number of this date (0 = 1970-01-01).
    public var dayNumber: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `true` when `year`-`month`-`day` exists, so parsers can refuse 2023-02-29 or 2025-04-31.
    public static func isValid(year: Int64, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && (1...daysInMonth(year: year, month: month)).contains(day)
    }

    /// Days in `month` (1 ... 12) of `year`.
    public static func daysInMonth(year: Int64, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
