import MGISLive
import Testing

@Suite struct RFC3339Tests {
    // Expected strings computed independently with Python:
    // python3 -c "import datetime; print((datetime.datetime(1970,1,1,tzinfo=datetime.timezone.utc)
    //     + datetime.timedelta(milliseconds=MS)).isoformat(timespec='milliseconds'))"
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_764_450_000_250, "2025-11-29T21:00:00.250Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),  // leap day of a century leap year
        (1_709_164_800_123, "2024-02-29T00:00:00.123Z"),
        (-1, "1969-12-31T23:59:59.999Z"),  // before the epoch: floor, not truncation
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func testKnownEpochValues(millis: Int64, expected: String) {
        #expect(RFC3339.string(fromMillis: millis) == expected)
    }

    @Test func testCivilDatesAroundLeapYears() {
        #expect(RFC3339.civil(fromDays: 0) == (1970, 1, 1))
        #expect(RFC3339.civil(fromDays: 10_956) == (1999, 12, 31))
        #expect(RFC3339.civil(fromDays: 11_016) == (2000, 2, 29))
        #expect(RFC3339.civil(fromDays: 11_017) == (2000, 3, 1))
        #expect(RFC3339.civil(fromDays: -1) == (1969, 12, 31))
    }
}
