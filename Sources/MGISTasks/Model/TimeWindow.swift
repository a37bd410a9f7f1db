/// When a task is to be carried out: the half-open interval `startMillis ..< endMillis`,
/// in milliseconds since the Unix epoch.
public struct TimeWindow: Hashable, Sendable, Codable {
    public var startMillis: Int64
    public var endMillis: Int64

    public init(startMillis: Int64, endMillis: Int64) {
        self.startMillis = startMillis
        self.endMillis = endMillis
    }

    /// The length of the window; negative when the window is malformed.
    public var durationMillis: Int64 { endMillis - startMillis }

    /// Whether `millis` falls in the window (the start is inside, the end is not).
    public func contains(_ millis: Int64) -> Bool {
        millis >= startMillis && millis < endMillis
    }

    /// Whether the window shares at least one millisecond with `startMillis ..< endMillis`.
    public func overlaps(startMillis otherStart: Int64, endMillis otherEnd: Int64) -> Bool {
        startMillis < otherEnd && otherStart < endMillis
    }
}
