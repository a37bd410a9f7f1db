import MGISCore

/// RFC 3339 timestamps in UTC with milliseconds, as the API writes and reads them: the shared
/// `RFC3339` plus what only the API allows, Unix seconds and a bounded range.
enum Timestamp {
    static func string(_ millis: Int64) -> String {
        RFC3339.string(fromMillis: millis)
    }

    /// Times the API accepts: 1970-01-01 ... 9999-12-31, so that arithmetic on them cannot overflow.
    static let range: ClosedRange<Int64> = 0...253_402_300_799_999

    /// Parses RFC 3339 (with or without fraction) or Unix seconds; nil outside `range`.
    static func millis(_ text: String) -> Int64? {
        if let seconds = Int64(text) {
            let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
            return !overflow && range.contains(millis) ? millis : nil
        }
        guard let millis = RFC3339.millis(text), range.contains(millis) else { return nil }
        return millis
    }
}
