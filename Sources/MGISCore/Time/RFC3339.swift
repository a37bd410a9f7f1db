/// RFC 3339 timestamps (`2026-11-29T21:00:00.250Z`, `2026-03-29T01:30:00.250+02:00`) to and
/// from Unix milliseconds: the one format the live feed, the HTTP API, exports, GPX and CSV
/// imports and the tools speak.
///
/// Integer arithmetic on `CivilDate` rather than `ISO8601DateFormatter`, so the result does not
/// depend on locale, time zone database or floating-point rounding, and the live feed can write
/// timestamps straight into its frame buffer without allocating.
public enum RFC3339 {
    private static let millisPerDay: Int64 = 86_400_000

    /// `millis` since 1970-01-01T00:00:00Z in UTC: `2026-11-30T06:00:00.000Z`, or without the
    /// fraction (`2026-11-30T06:00:00Z`, the milliseconds dropped) when `fractionalSeconds` is false.
    public static func string(fromMillis millis: Int64, fractionalSeconds: Bool = true) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(millis: millis, to: &bytes, fractionalSeconds: fractionalSeconds)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `string(fromMillis:)` as UTF-8 to `bytes`: for writers that build a frame in one
    /// buffer and must not allocate a `String` per timestamp.
    public static func append(millis: Int64, to bytes: inout [UInt8], fractionalSeconds: Bool = true) {
        // Floor division: instants before 1970 belong to the previous day.
        var days = millis / millisPerDay
        var ofDay = millis % millisPerDay
        if ofDay < 0 {
            ofDay += millisPerDay
            days -= 1
        }
        let date = CivilDate(day: days)
        if date.year < 0 { bytes.append(UInt8(ascii: "-")) }
        DecimalDigits.append(date.year.magnitude, minimumDigits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        DecimalDigits.append(UInt64(date.month), minimumDigits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        DecimalDigits.append(UInt64(date.day), minimumDigits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        DecimalDigits.append(UInt64(ofDay / 3_600_000), minimumDigits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        DecimalDigits.append(UInt64(ofDay / 60_000 % 60), minimumDigits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        DecimalDigits.append(UInt64(ofDay / 1000 % 60), minimumDigits: 2, to: &bytes)
        if fractionalSeconds {
            bytes.append(UInt8(ascii: "."))
            DecimalDigits.append(UInt64(ofDay % 1000), minimumDigits: 3, to: &bytes)
        }
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Milliseconds since 1970-01-01T00:00:00Z of `text`, or `nil` when it is not an RFC 3339
    /// date-time.
    ///
    /// Accepts `T`, `t` or a space between date and time; fractional seconds of any length
    /// (digits beyond milliseconds are truncated); `Z`, `z` or an offset `±HH:MM`. A leap second
    /// (`:60`) is read as the first instant of the next minute, so one in a GPS log does not
    /// refuse the whole track. A time without a zone is refused: guessing one would shift every
    /// instant by hours.
    public static func millis(_ text: some StringProtocol) -> Int64? {
        millis(utf8: text.utf8)
    }

    /// `millis(_:)` of UTF-8 bytes, for readers that find timestamps inside a larger buffer.
    public static func millis(utf8 bytes: some Collection<UInt8>) -> Int64? {
        var reader = Reader(Array(bytes))
        guard let year = reader.number(4), reader.take("-"), let month = reader.number(2), reader.take("-"),
            let day = reader.number(2), reader.take("T", "t", " "), let hour = reader.number(2), reader.take(":"),
            let minute = reader.number(2), reader.take(":"), let second = reader.number(2),
            CivilDate.isValid(year: year, month: Int(month), day: Int(day)), hour < 24, minute < 60, second <= 60
        else { return nil }
        var millis: Int64 = 0
        if reader.take(".") {
            var digits = 0
            while let digit = reader.digit() {
                if digits < 3 { millis = millis * 10 + digit }
                digits += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millis *= 10 }
        }
        var offsetMinutes: Int64 = 0
        if reader.take("Z", "z") {
            offsetMinutes = 0
        } else if reader.take("+", "-") {
            let sign: Int64 = reader.previous == UInt8(ascii: "-") ? -1 : 1
            guard let hours = reader.number(2), reader.take(":"), let minutes = reader.number(2), hours < 24, minutes < 60 else {
                return nil
            }
            offsetMinutes = sign * (hours * 60 + minutes)
        } else {
            return nil
        }
        guard reader.atEnd else { return nil }
        let days = CivilDate(year: year, month: Int(month), day: Int(day)).dayNumber
        let seconds = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second
        return seconds * 1000 + millis
    }

    /// A cursor over the bytes of one timestamp.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var atEnd: Bool { index == bytes.count }
        var previous: UInt8 { bytes[index - 1] }

        /// Consumes the next byte when it is one of `accepted`.
        mutating func take(_ accepted: Unicode.Scalar...) -> Bool {
            guard index < bytes.count, accepted.contains(where: { UInt8(ascii: $0) == bytes[index] }) else { return false }
            index += 1
            return true
        }

        /// Consumes one ASCII digit.
        mutating func digit() -> Int64? {
            guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
            index += 1
            return Int64(bytes[index - 1] - UInt8(ascii: "0"))
        }

        /// Consumes exactly `count` digits.
        mutating func number(_ count: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }
    }
}
