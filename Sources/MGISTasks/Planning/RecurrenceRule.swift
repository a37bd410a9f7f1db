/// A repeating time window, such as "every weekday 06:00-10:00 Vilnius time from 2025-03-01".
///
/// Times are wall-clock times in `timeZoneIdentifier`, so a window keeps its local hours
/// across daylight-saving changes (and is an hour shorter or longer on the night of the change).
public struct RecurrenceRule: Hashable, Sendable, Codable {
    /// ISO weekdays the window starts on: 1 = Monday ... 7 = Sunday.
    public var weekdays: Set<Int>
    /// Local start, minutes after midnight, 0 ..< 1440.
    public var startMinuteOfDay: Int
    /// Local end, 0 ... 1440; at or before the start it is on the next day.
    public var endMinuteOfDay: Int
    /// An IANA zone such as `Europe/Vilnius`.
    public var timeZoneIdentifier: String
    /// The first local day a window may start on, `YYYY-MM-DD`.
    public var firstDay: String
    /// The last local day a window may start on, `YYYY-MM-DD`; `nil` for no end.
    public var lastDay: String?
    /// At most this many windows in all, counted from `firstDay`; `nil` for no limit.
    public var maximumCount: Int?

    public init(
        weekdays: Set<Int>,
        startMinuteOfDay: Int,
        endMinuteOfDay: Int,
        timeZoneIdentifier: String,
        firstDay: String,
        lastDay: String? = nil,
        maximumCount: Int? = nil
    ) {
        self.weekdays = weekdays
        self.startMinuteOfDay = startMinuteOfDay
        self.endMinuteOfDay = endMinuteOfDay
        self.timeZoneIdentifier = timeZoneIdentifier
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.maximumCount = maximumCount
    }

    /// Monday to Friday.
    public static let workdays: Set<Int> = [1, 2, 3, 4, 5]
}
