/// One period of a trend and its change against the period before.
public struct TrendBucket: Hashable, Sendable, Codable {
    /// The UTC instant (ms) of the bucket's local start; weeks across a DST change are 167 or 169 hours long.
    public var startMillis: Int64
    public var count: Int
    /// Sum of the estimated values in euros (violations without a value add nothing).
    public var valueSumEUR: Double
    /// `count` minus the previous bucket's count; `nil` for the first bucket.
    public var countChange: Int?
    /// The change in percent of the previous count, `100 · (count − previous) / previous`;
    /// `nil` for the first bucket and when the previous count is 0 (no base to compare with).
    public var countChangePercent: Double?
    /// `valueSumEUR` minus the previous bucket's; `nil` for the first bucket.
    public var valueChangeEUR: Double?
    /// The value change in percent; `nil` for the first bucket and when the previous sum is 0.
    public var valueChangePercent: Double?

    public init(
        startMillis: Int64, count: Int, valueSumEUR: Double,
        countChange: Int? = nil, countChangePercent: Double? = nil,
        valueChangeEUR: Double? = nil, valueChangePercent: Double? = nil
    ) {
        self.startMillis = startMillis
        self.count = count
        self.valueSumEUR = valueSumEUR
        self.countChange = countChange
        self.countChangePercent = countChangePercent
        self.valueChangeEUR = valueChangeEUR
        self.valueChangePercent = valueChangePercent
    }
}
