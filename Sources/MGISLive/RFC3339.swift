/// RFC 3339 timestamps in UTC with milliseconds, e.g. `2026-11-29T21:00:00.250Z`.
///
/// Formatted from epoch milliseconds with integer arithmetic (Howard Hinnant's
/// civil-from-days), so the feed needs no `DateFormatter`, locale or time zone database.
public enum RFC3339 {
    private static let millisPerDay: Int64 = 86_400_000

    /// The timestamp for `millis` since 1970-01-01T00:00:00Z: always three fraction digits and `Z`.
    public static func string(fromMillis millis: Int64) -> String {
        var writer = FeedJSONWriter(capacity: 24)
        append(millis: millis, to: &writer)
        return writer.text
    }

    /// The civil date (proleptic Gregorian) of a day number counted from 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468  // days from 0000-03-01, so leap days fall at the end of a year
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097  // 0 ... 146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from March 1st
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, Int(month), Int(day))
    }

    static func append(millis: Int64, to writer: inout FeedJSONWriter) {
        // Floor division: instants before 1970 belong to the previous day.
        var days = millis / millisPerDay
        var ofDay = millis % millisPerDay
        if ofDay < 0 {
            ofDay += millisPerDay
            days -= 1
        }
        let date = civil(fromDays: days)
        if date.year < 0 { writer.raw("-") }
        writer.unsigned(date.year.magnitude, minimumDigits: 4)
        writer.raw("-")
        writer.unsigned(UInt64(date.month), minimumDigits: 2)
        writer.raw("-")
        writer.unsigned(UInt64(date.day), minimumDigits: 2)
        writer.raw("T")
        writer.unsigned(UInt64(ofDay / 3_600_000), minimumDigits: 2)
        writer.raw(":")
        writer.unsigned(UInt64(ofDay / 60_000 % 60), minimumDigits: 2)
        writer.raw(":")
        writer.unsigned(UInt64(ofDay / 1000 % 60), minimumDigits: 2)
        writer.raw(".")
        writer.unsigned(UInt64(ofDay % 1000), minimumDigits: 3)
        writer.raw("Z")
    }
}
