import Foundation
import MGISCore

/// Converts UTC instants to local wall-clock time in one time zone, fast enough for millions
/// of violations: the zone's UTC offsets over the data's span are read once from Foundation
/// (`TimeZone.nextDaylightSavingTimeTransition`, which reports every offset change the tz
/// database knows), then each instant costs a binary search over a handful of transitions.
struct LocalClock: Sendable {
    let timeZone: TimeZone
    /// Instants (ms) from which `offsets[i]` applies; `starts[0]` is `Int64.min`.
    private var starts: [Int64] = [.min]
    private var offsets: [Int64]

    static let millisPerDay: Int64 = 86_400_000

    /// - Throws: `ViolationError.Code.invalidArgument` for an unknown zone identifier.
    init(timeZoneIdentifier: String, fromMillis: Int64, toMillis: Int64) throws {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else {
            throw ViolationError(.invalidArgument, "unknown time zone '\(timeZoneIdentifier)'; use an IANA identifier such as Europe/Vilnius")
        }
        timeZone = zone
        let first = Date(timeIntervalSince1970: Double(fromMillis) / 1000)
        offsets = [Int64(zone.secondsFromGMT(for: first)) * 1000]
        var cursor = first
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 * 1000 <= Double(toMillis) {
            starts.append(Int64((next.timeIntervalSince1970 * 1000).rounded()))
            offsets.append(Int64(zone.secondsFromGMT(for: next)) * 1000)
            cursor = next
        }
    }

    /// Local wall-clock milliseconds "since 1970-01-01T00:00 local" for the UTC instant `millis`.
    @inline(__always)
    func localMillis(_ millis: Int64) -> Int64 {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= millis { low = mid } else { high = mid - 1 }
        }
        return millis + offsets[low]
    }

    /// Local days since 1970-01-01 (floor) and milliseconds into that day.
    @inline(__always)
    func localDay(_ millis: Int64) -> (day: Int64, millisOfDay: Int64) {
        let local = localMillis(millis)
        var day = local / LocalClock.millisPerDay
        var ofDay = local % LocalClock.millisPerDay
        if ofDay < 0 {
            ofDay += LocalClock.millisPerDay
            day -= 1
        }
        return (day, ofDay)
    }

    /// ISO weekday, Monday = 1 ... Sunday = 7, of a day number (1970-01-01 was a Thursday).
    @inline(__always)
    static func isoWeekday(day: Int64) -> Int {
        Int(((day + 3) % 7 + 7) % 7) + 1
    }

    /// The UTC instant of local midnight starting `day` (or the first instant of that day when
    /// midnight is skipped by a transition), via Foundation's calendar.
    func startMillis(ofDay day: Int64) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = CivilDate(day: day)
        let components = DateComponents(year: Int(date.year), month: date.month, day: date.day)
        guard let start = calendar.date(from: components) else {
            let local = day * LocalClock.millisPerDay
            return local - (localMillis(local) - local)
        }
        return Int64((start.timeIntervalSince1970 * 1000).rounded())
    }
}
