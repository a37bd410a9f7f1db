/// Parses RFC 3339 timestamps (the ISO 8601 profile GPX uses) to Unix milliseconds.
///
/// Accepts `YYYY-MM-DDTHH:MM:SS`, optional fractional seconds of any length (digits beyond
/// milliseconds are truncated), then `Z` or an offset `+HH:MM` / `-HH:MM`. `t`, `z` and a space
/// for `T` are accepted as RFC 3339 allows. A time without a zone is refused: GPX requires UTC,
/// and guessing a zone would shift a whole track by hours.
public enum RFC3339 {
    public static func millis(_ text: some StringProtocol) -> Int64? {
        let c = Array(text.utf8)
        guard c.count >= 20, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"), c[13] == UInt8(ascii: ":"), c[16] == UInt8(ascii: ":"),
            [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(c[10])
        else { return nil }
        guard let year = digits(c, 0, 4), let month = digits(c, 5, 2), let day = digits(c, 8, 2),
            let hour = digits(c, 11, 2), let minute = digits(c, 14, 2), let second = digits(c, 17, 2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var millis: Int64 = 0
        if c[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < c.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c[index]) {
                if index - start < 3 { millis = millis * 10 + Int64(c[index] - 48) }
                index += 1
            }
            guard index > start else { return nil }
            for _ in min(3, index - start)..<3 { millis *= 10 }
        }
        guard index < c.count else { return nil }
        var offsetMinutes: Int64 = 0
        switch c[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == c.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == c.count, c[index + 3] == UInt8(ascii: ":"),
                let hours = digits(c, index + 1, 2), let minutes = digits(c, index + 4, 2), hours < 24, minutes < 60
            else { return nil }
            offsetMinutes = (hours * 60 + minutes) * (c[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        // A leap second (:60) is read as the first instant of the next minute.
        let local = ((daysFromCivil(year: year, month: month, day: day) * 24 + hour) * 60 + minute) * 60 + second
        return (local - offsetMinutes * 60) * 1000 + millis
    }

    private static func digits(_ c: [UInt8], _ from: Int, _ count: Int) -> Int64? {
        var value: Int64 = 0
        for index in from..<(from + count) {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c[index]) else { return nil }
            value = value * 10 + Int64(c[index] - 48)
        }
        return value
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
