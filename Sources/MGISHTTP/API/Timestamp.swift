import Foundation

/// RFC 3339 timestamps in UTC with milliseconds, as the API writes and reads them.
enum Timestamp {
    static func string(_ millis: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    /// Parses RFC 3339 (with or without fraction) or Unix seconds.
    static func millis(_ text: String) -> Int64? {
        if let seconds = Int64(text) { return seconds * 1000 }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
