import Foundation

extension RecurrenceRule {
    /// The windows that start in `fromMillis ..< toMillis`, in order.
    ///
    /// `maximumCount` counts windows from `firstDay`, including those before `fromMillis`, so
    /// expanding week by week yields the same windows as expanding the whole range at once.
    public func expand(fromMillis: Int64, toMillis: Int64) throws(RecurrenceError) -> [TimeWindow] {
        let (resolver, first, last) = try validated()
        guard fromMillis < toMillis else { return [] }
        guard toMillis - fromMillis <= Self.maximumRangeMillis else {
            throw RecurrenceError(field: "toMillis", message: "expand at most 10 years at a time")
        }
        var windows: [TimeWindow] = []
        var produced = 0
        // A window starting in the range starts on a local day within a day of the range's UTC days.
        let lastCandidate = min(last?.dayNumber ?? .max, Self.dayNumber(ofMillis: toMillis) + 1)
        // Without a count limit, days before the range cannot matter (local days are within a
        // day of UTC days); with one, they must be counted.
        var day = maximumCount == nil ? max(first.dayNumber, Self.dayNumber(ofMillis: fromMillis) - 1) : first.dayNumber
        while day <= lastCandidate {
            let calendarDay = CalendarDay(dayNumber: day)
            day += 1
            guard weekdays.contains(calendarDay.isoWeekday) else { continue }
            if let maximumCount, produced >= maximumCount { break }
            produced += 1
            let start = resolver.millis(day: calendarDay, minuteOfDay: startMinuteOfDay)
            guard start >= fromMillis, start < toMillis else { continue }
            let endsNextDay = endMinuteOfDay <= startMinuteOfDay
            let endDay = CalendarDay(dayNumber: calendarDay.dayNumber + (endsNextDay ? 1 : 0))
            windows.append(TimeWindow(startMillis: start, endMillis: resolver.millis(day: endDay, minuteOfDay: endMinuteOfDay)))
        }
        return windows
    }

    /// Checks the rule; throws the first problem with its field.
    public func validate() throws(RecurrenceError) {
        _ = try validated()
    }

    private func validated() throws(RecurrenceError) -> (LocalTimeResolver, CalendarDay, CalendarDay?) {
        if weekdays.isEmpty { throw RecurrenceError(field: "weekdays", message: "name at least one weekday") }
        if !weekdays.allSatisfy((1...7).contains) {
            throw RecurrenceError(field: "weekdays", message: "weekdays are 1 (Monday) to 7 (Sunday)")
        }
        if !(0..<1440).contains(startMinuteOfDay) {
            throw RecurrenceError(field: "startMinuteOfDay", message: "must be 0 to 1439 minutes after midnight")
        }
        if !(0...1440).contains(endMinuteOfDay) {
            throw RecurrenceError(field: "endMinuteOfDay", message: "must be 0 to 1440 minutes after midnight")
        }
        guard let timeZone = TimeZone(identifier: timeZoneIdentifier) else {
            throw RecurrenceError(field: "timeZoneIdentifier", message: "unknown time zone \"\(timeZoneIdentifier)\"")
        }
        guard let first = CalendarDay(firstDay) else {
            throw RecurrenceError(field: "firstDay", message: "must be a date written YYYY-MM-DD")
        }
        var last: CalendarDay?
        if let lastDay {
            guard let parsed = CalendarDay(lastDay) else {
                throw RecurrenceError(field: "lastDay", message: "must be a date written YYYY-MM-DD")
            }
            if parsed < first { throw RecurrenceError(field: "lastDay", message: "must not be before firstDay") }
            last = parsed
        }
        if let maximumCount, maximumCount < 1 {
            throw RecurrenceError(field: "maximumCount", message: "must be at least 1")
        }
        return (LocalTimeResolver(timeZone: timeZone), first, last)
    }

    /// Ten years: far beyond any planning horizon, and it bounds the work one call can do.
    public static let maximumRangeMillis: Int64 = 3653 * 86_400_000

    private static func dayNumber(ofMillis millis: Int64) -> Int64 {
        let days = millis / 86_400_000
        return millis < 0 && millis % 86_400_000 != 0 ? days - 1 : days
    }
}
