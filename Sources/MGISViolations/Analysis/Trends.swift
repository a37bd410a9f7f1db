import MGISCore

/// Weekly or monthly counts and values per violation type, with the change against the
/// previous period: are seizures of fuel rising this month?
///
/// The span runs from the bucket holding the filter's time range start (or the first matching
/// violation) to the bucket holding its end (or the last violation); every bucket in between is
/// reported, empty ones included, so a change is always against the period just before.
/// Types are those the filter names, or else those present in the data, sorted by code.
/// With no time range and no matching violation there are no buckets.
public struct Trends: Hashable, Sendable, Codable {
    public var period: TrendPeriod
    public var timeZoneIdentifier: String
    /// All types together.
    public var total: TrendSeries
    /// One series per type, sorted by type code.
    public var byType: [TrendSeries]

    /// The most buckets one analysis may have (about 190 years of weeks).
    public static let maximumBuckets = 10_000

    /// - Throws: `ViolationError.Code.invalidArgument` for an unknown time zone or too long a span.
    public static func compute(
        _ violations: [Violation], filter: AnalysisFilter = .all, period: TrendPeriod, timeZoneIdentifier: String
    ) throws -> Trends {
        let span = TimeSpan(violations, filter: filter)
        if span.isEmpty {
            return Trends(period: period, timeZoneIdentifier: timeZoneIdentifier, total: TrendSeries(typeCode: nil, buckets: []), byType: [])
        }
        let clock = try LocalClock(timeZoneIdentifier: timeZoneIdentifier, fromMillis: span.from, toMillis: span.to)
        let first = bucketOrdinal(day: clock.localDay(span.from).day, period: period)
        let last = bucketOrdinal(day: clock.localDay(span.to).day, period: period)
        let bucketCount = Int(last - first + 1)
        guard bucketCount <= maximumBuckets else {
            throw ViolationError(.invalidArgument, "the time span needs \(bucketCount) \(period.rawValue)ly buckets; the limit is \(maximumBuckets)")
        }
        let starts = (0..<Int64(bucketCount)).map { clock.startMillis(ofDay: firstDay(ofBucket: first + $0, period: period)) }

        var counts: [String: [Int]] = [:]
        var values: [String: [Double]] = [:]
        for code in filter.typeCodes ?? [] {
            counts[code] = [Int](repeating: 0, count: bucketCount)
            values[code] = [Double](repeating: 0, count: bucketCount)
        }
        for violation in violations where filter.matches(violation) {
            let bucket = Int(bucketOrdinal(day: clock.localDay(violation.observedMillis).day, period: period) - first)
            guard (0..<bucketCount).contains(bucket) else { continue }
            counts[violation.typeCode, default: [Int](repeating: 0, count: bucketCount)][bucket] += 1
            values[violation.typeCode, default: [Double](repeating: 0, count: bucketCount)][bucket] += violation.estimatedValueEUR ?? 0
        }
        var totalCounts = [Int](repeating: 0, count: bucketCount)
        var totalValues = [Double](repeating: 0, count: bucketCount)
        var byType: [TrendSeries] = []
        for code in counts.keys.sorted() {
            let c = counts[code]!, v = values[code]!
            for i in 0..<bucketCount {
                totalCounts[i] += c[i]
                totalValues[i] += v[i]
            }
            byType.append(TrendSeries(typeCode: code, starts: starts, counts: c, values: v))
        }
        return Trends(
            period: period, timeZoneIdentifier: timeZoneIdentifier,
            total: TrendSeries(typeCode: nil, starts: starts, counts: totalCounts, values: totalValues),
            byType: byType
        )
    }

    /// A running bucket number: Monday-weeks since the epoch, or months since year 0.
    static func bucketOrdinal(day: Int64, period: TrendPeriod) -> Int64 {
        switch period {
        case .week:
            let monday = day - Int64(LocalClock.isoWeekday(day: day) - 1)
            return (monday - 4) / 7  // day 4 (1970-01-05) is the first Monday; floor since monday ≡ 4 (mod 7)
        case .month:
            let date = CivilDate(day: day)
            return date.year * 12 + Int64(date.month - 1)
        }
    }

    /// The local day number of the first day of bucket `ordinal`.
    static func firstDay(ofBucket ordinal: Int64, period: TrendPeriod) -> Int64 {
        switch period {
        case .week:
            return ordinal * 7 + 4
        case .month:
            let year = ordinal >= 0 ? ordinal / 12 : (ordinal - 11) / 12
            return CivilDate(year: year, month: Int(ordinal - year * 12) + 1, day: 1).dayNumber
        }
    }
}
