/// The buckets of one violation type (or of all types when `typeCode` is `nil`).
public struct TrendSeries: Hashable, Sendable, Codable {
    public var typeCode: String?
    /// Every bucket of the analysed span in time order, empty periods included.
    public var buckets: [TrendBucket]

    public init(typeCode: String?, buckets: [TrendBucket]) {
        self.typeCode = typeCode
        self.buckets = buckets
    }

    /// A series of raw counts and sums, with the changes filled in.
    init(typeCode: String?, starts: [Int64], counts: [Int], values: [Double]) {
        var buckets: [TrendBucket] = []
        buckets.reserveCapacity(starts.count)
        for i in starts.indices {
            var bucket = TrendBucket(startMillis: starts[i], count: counts[i], valueSumEUR: values[i])
            if i > 0 {
                bucket.countChange = counts[i] - counts[i - 1]
                bucket.countChangePercent = counts[i - 1] == 0 ? nil : 100 * Double(counts[i] - counts[i - 1]) / Double(counts[i - 1])
                bucket.valueChangeEUR = values[i] - values[i - 1]
                bucket.valueChangePercent = values[i - 1] == 0 ? nil : 100 * (values[i] - values[i - 1]) / values[i - 1]
            }
            buckets.append(bucket)
        }
        self.init(typeCode: typeCode, buckets: buckets)
    }
}
