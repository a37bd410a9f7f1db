/// RFC 3339 timestamps (`2026-03-29T01:30:00.250+02:00`), parsed with integer arithmetic so the
/// result does not depend on locale, `DateFormatter` or the machine's time zone.
///
/// Accepted: `T`, `t` or a space between date and time; fractions of any length (truncated to
/// milliseconds); `Z`, `z` or `±HH:MM`. A leap second (`:60`) is refused.
public enum RFC3339 {
    /// Milliseconds since 1970-01-01T00:00:00Z, or `nil` when `text` is not an RFC 3339 date-time.
    public static func millis(from text: String) -> Int64? {
        let s = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var value = 0
            for _ in 0..<digits {
                guard (48...57).contains(s[i]) else { return nil }
                value = value * 10 + Int(s[i] - 48)
                i += 1
            }
            return value
        }
        func expect(_ c: UInt8...) -> Bool {
            guard i < s.count, c.contains(s[i]) else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
              expect(84, 116, 32), let hour = number(2), expect(58), let minute = number(2), expect(58), let second = number(2),
              (1...12).contains(month), (1...CivilDate.daysInMonth(year: Int64(year), month: month)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var millis = 0
        if i < s.count, s[i] == 46 {
            i += 1
            var digits = 0
            while i < s.count, (48...57).contains(s[i]) {
                if digits < 3 { millis = millis * 10 + Int(s[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millis *= 10 }
        }
        var offsetMinutes = 0
        if expect(90, 122) {
            offsetMinutes = 0
        } else if i < s.count, s[i] == 43 || s[i] == 45 {
            let sign = s[i] == 45 ? -1 : 1
            i += 1
            guard let oh = number(2), expect(58), let om = number(2), oh < 24, om < 60 else { return nil }
            offsetMinutes = sign * (oh * 60 + om)
        } else {
            return nil
        }
        guard i == s.count else { return nil }
        let days = CivilDate(year: Int64(year), month: month, day: day).dayNumber
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }

    /// `millis` as `YYYY-MM-DDTHH:MM:SS.sssZ`.
    public static func string(fromMillis millis: Int64) -> String {
        var days = millis / 86_400_000
        var ofDay = millis % 86_400_000
        if ofDay < 0 {
            ofDay += 86_400_000
            days -= 1
        }
        let date = CivilDate(day: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(date.year, 4))-\(pad(Int64(date.month), 2))-\(pad(Int64(date.day), 2))T"
            + "\(pad(ofDay / 3_600_000, 2)):\(pad(ofDay / 60_000 % 60, 2)):\(pad(ofDay / 1000 % 60, 2)).\(pad(ofDay % 1000, 3))Z"
    }
}
