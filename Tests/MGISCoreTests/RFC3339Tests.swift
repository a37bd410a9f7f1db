import MGISCore
import Testing

/// The one RFC 3339 formatter and parser, with the cases the live feed, GPX import, violation
/// import and the HTTP API each relied on when they had their own.
@Suite struct RFC3339Tests {
    /// 2026-11-29T21:00:00Z, from Python's calendar.timegm.
    static let base: Int64 = 1_795_986_000_000

    // Expected strings computed independently with Python:
    // python3 -c "import datetime; print((datetime.datetime(1970,1,1,tzinfo=datetime.timezone.utc)
    //     + datetime.timedelta(milliseconds=MS)).isoformat(timespec='milliseconds'))"
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_764_450_000_250, "2025-11-29T21:00:00.250Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),  // leap day of a century leap year
        (1_709_164_800_123, "2024-02-29T00:00:00.123Z"),
        (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
        (-1, "1969-12-31T23:59:59.999Z"),  // before the epoch: floor, not truncation
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func testKnownEpochValues(millis: Int64, expected: String) {
        #expect(RFC3339.string(fromMillis: millis) == expected)
        #expect(RFC3339.millis(expected) == millis)
    }

    @Test func testWithoutFractionalSecondsDropsTheMilliseconds() {
        #expect(RFC3339.string(fromMillis: 1_764_450_000_999, fractionalSeconds: false) == "2025-11-29T21:00:00Z")
        #expect(RFC3339.string(fromMillis: -1, fractionalSeconds: false) == "1969-12-31T23:59:59Z")
    }

    @Test func testAppendWritesTheSameBytes() {
        var bytes = Array("t=".utf8)
        RFC3339.append(millis: 1_764_450_000_250, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "t=2025-11-29T21:00:00.250Z")
    }

    @Test func testParsesFractionsOffsetsAndSeparators() {
        #expect(RFC3339.millis("1970-01-01T00:00:00Z") == 0)
        #expect(RFC3339.millis("2026-11-29T21:00:00.123456Z") == Self.base + 123)  // truncated, not rounded
        #expect(RFC3339.millis("2026-11-29T21:00:00.9999Z") == Self.base + 999)
        #expect(RFC3339.millis("2026-11-30T00:30:00+03:30") == Self.base)
        #expect(RFC3339.millis("2026-11-29 21:00:00.1z") == Self.base + 100)
        #expect(RFC3339.millis("2026-11-29t21:00:00.25Z") == Self.base + 250)
        #expect(RFC3339.millis("2024-02-29T00:00:00Z") == 1_709_164_800_000)
        // 2024-03-01T00:00Z is day 19 783; 23:59:59.999 at −00:30 is 00:29:59.999Z.
        let marchFirst: Int64 = 19_783 * 86_400_000
        #expect(RFC3339.millis("2024-02-29T23:59:59.999-00:30") == marchFirst + 1_800_000 - 1)
        #expect(RFC3339.millis(utf8: Array("2026-11-29T21:00:00.500Z".utf8)[...]) == Self.base + 500)
    }

    @Test func testALeapSecondIsTheNextMinute() {
        #expect(RFC3339.millis("2016-12-31T23:59:60Z") == RFC3339.millis("2017-01-01T00:00:00Z"))
    }

    @Test(arguments: [
        "2026-11-29T21:00:00+0200",  // offset without colon
        "2026-11-29T21:00:00.Z",  // fraction without digits
        "2026-11-29T21:00:00",  // no zone
        "2023-02-29T00:00:00Z",  // not a leap year
        "2024-04-31T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T00:60:00Z",
        "2024-01-01T00:00:61Z",
        "2024-01-01T00:00:00+24:00",
        "2024-01-01T00:00:00Zjunk",
        "2024-1-01T00:00:00Z",
        "2024-01-01X00:00:00Z",
        "",
    ])
    func testInvalidTextIsNil(text: String) {
        #expect(RFC3339.millis(text) == nil)
    }

    @Test func testCivilDatesAroundLeapYears() {
        #expect(CivilDate(day: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(day: 10_956) == CivilDate(year: 1999, month: 12, day: 31))
        #expect(CivilDate(day: 11_016) == CivilDate(year: 2000, month: 2, day: 29))
        #expect(CivilDate(day: 11_017) == CivilDate(year: 2000, month: 3, day: 1))
        #expect(CivilDate(day: -1) == CivilDate(year: 1969, month: 12, day: 31))
        #expect(CivilDate(year: 2000, month: 3, day: 1).dayNumber == 11_017)
        #expect(CivilDate.isValid(year: 2000, month: 2, day: 29) && !CivilDate.isValid(year: 1900, month: 2, day: 29))
    }
}
