import Foundation

/// RFC 3339 timestamps in UTC with milliseconds, as the API writes and reads them.
enum Timestamp {
    static func string(_ millis: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    /// Times the API accepts: 1970-01-01 ... 9999-12-31, so that arithmetic on them cannot overflow.
    static let range: ClosedRange<Int64> = 0...253_402_300_799_999

    /// Parses RFC 3339 (with or without fraction) or Unix seconds; nil outside `range`.
    static func millis(_ text: String) -> Int64? {
        if let seconds = Int64(text) {
            let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
            return !overflow && range.contains(millis) ? millis : nil
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return nil }
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        guard millis >= Double(range.lowerBound), millis <= Double(range.upperBound) else { return nil }
        return Int64(millis)
    }
}
