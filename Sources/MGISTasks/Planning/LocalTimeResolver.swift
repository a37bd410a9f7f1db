import Foundation

/// Turns a wall-clock time in a time zone into an instant, with the two DST cases made explicit:
/// - a time that occurs twice (clocks go back) resolves to its first occurrence;
/// - a time that does not exist (clocks go forward) resolves to the instant the same distance
///   after the gap's start, so 03:30 on a night that jumps 03:00 -> 04:00 becomes 04:30.
struct LocalTimeResolver: Sendable {
    let timeZone: TimeZone

    /// The instant, in milliseconds since the epoch, of `minuteOfDay` on `day` in the zone.
    func millis(day: CalendarDay, minuteOfDay: Int) -> Int64 {
        let localSeconds = day.dayNumber * 86_400 + Int64(minuteOfDay) * 60
        // Real zones change offset at most once within a day either side of any instant.
        let before = offset(at: localSeconds - 86_400)
        let after = offset(at: localSeconds + 86_400)
        let candidates = [localSeconds - before, localSeconds - after].filter { utc in
            offset(at: utc) == localSeconds - utc
        }
        let seconds = candidates.min() ?? localSeconds - before
        return seconds * 1000
    }

    private func offset(at utcSeconds: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcSeconds))))
    }
}
