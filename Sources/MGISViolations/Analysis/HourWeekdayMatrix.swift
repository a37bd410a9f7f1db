/// Violations by local hour of day and ISO weekday: when in the week patrols find most.
///
/// Hours and weekdays are wall-clock values in the given IANA time zone, so a violation at
/// 18:30 local counts in hour 18 in summer and in winter alike (the UTC offset of each
/// instant is the one in force at that instant).
public struct HourWeekdayMatrix: Hashable, Sendable, Codable {
    /// The IANA time zone identifier, e.g. `Europe/Vilnius`.
    public var timeZoneIdentifier: String
    /// 7 × 24 counts: index `(weekday − 1) · 24 + hour`, weekday 1 = Monday ... 7 = Sunday.
    public var counts: [Int]

    public init(timeZoneIdentifier: String, counts: [Int]) {
        self.timeZoneIdentifier = timeZoneIdentifier
        self.counts = counts
    }

    /// Violations in `hour` (0 ... 23) of ISO `weekday` (1 = Monday ... 7 = Sunday).
    public func count(weekday: Int, hour: Int) -> Int {
        counts[(weekday - 1) * 24 + hour]
    }

    /// Violations on ISO `weekday`, all hours.
    public func total(weekday: Int) -> Int {
        counts[(weekday - 1) * 24..<weekday * 24].reduce(0, +)
    }

    /// All violations counted.
    public var total: Int { counts.reduce(0, +) }

    /// Counts the violations that pass `filter` by local hour and weekday in `timeZoneIdentifier`.
    /// - Throws: `ViolationError.Code.invalidArgument` for an unknown time zone.
    public static func compute(_ violations: [Violation], filter: AnalysisFilter = .all, timeZoneIdentifier: String) throws -> HourWeekdayMatrix {
        let span = TimeSpan(violations, filter: filter)
        let clock = try LocalClock(timeZoneIdentifier: timeZoneIdentifier, fromMillis: span.from, toMillis: span.to)
        var counts = [Int](repeating: 0, count: 7 * 24)
        for violation in violations where filter.matches(violation) {
            let local = clock.localDay(violation.observedMillis)
            let hour = Int(local.millisOfDay / 3_600_000)
            counts[(LocalClock.isoWeekday(day: local.day) - 1) * 24 + hour] += 1
        }
        return HourWeekdayMatrix(timeZoneIdentifier: timeZoneIdentifier, counts: counts)
    }
}
