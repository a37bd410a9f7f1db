/// How long one trend bucket is. Buckets start at local midnight in the analysis time zone.
public enum TrendPeriod: String, Hashable, Sendable, Codable {
    /// ISO weeks, Monday 00:00 local to the next Monday.
    case week
    /// Calendar months, the 1st 00:00 local to the next 1st.
    case month
}
