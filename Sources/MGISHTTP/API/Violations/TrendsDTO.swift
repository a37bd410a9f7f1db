import MGISViolations

/// Trends as the API shows them: the total series and one per type, each bucket with its change
/// against the previous period.
struct TrendsDTO: Codable, Sendable {
    struct BucketDTO: Codable, Sendable {
        let start: String
        let count: Int
        let valueEUR: Double
        let countChange: Int?
        let countChangePercent: Double?
    }

    struct SeriesDTO: Codable, Sendable {
        let type: String
        let buckets: [BucketDTO]
    }

    let period: String
    let timeZone: String
    let total: [BucketDTO]
    let byType: [SeriesDTO]

    init(_ trends: Trends) {
        period = trends.period == .week ? "week" : "month"
        timeZone = trends.timeZoneIdentifier
        total = trends.total.buckets.map(Self.bucket)
        byType = trends.byType.map { SeriesDTO(type: $0.typeCode ?? "", buckets: $0.buckets.map(Self.bucket)) }
    }

    static func bucket(_ bucket: TrendBucket) -> BucketDTO {
        BucketDTO(
            start: Timestamp.string(bucket.startMillis), count: bucket.count, valueEUR: bucket.valueSumEUR,
            countChange: bucket.countChange, countChangePercent: bucket.countChangePercent
        )
    }
}
