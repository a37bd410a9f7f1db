import Foundation
public import MGISCore

/// A suggested patrol task drawn from a hotspot: where (the hot cells around a chosen cell)
/// and when (the busiest hours of the busiest weekday).
///
/// * Area: the 8-connected component of cells with `bin ≥ minimumBin` that contains the
///   chosen cell, as the outline of their union (`CellOutline`, holes included).
/// * Day: the ISO weekday with the most violations in the hour × weekday matrix (ties: the earlier day).
/// * Window: the `windowHours`-hour span within that day (start 0 ... 24 − windowHours) with the
///   most violations (ties: the earlier start).
/// * Timing: the first start of that window strictly after `nowMillis`, in the matrix's time zone;
///   the end is `windowHours` elapsed hours later.
public struct HotspotPlan: Hashable, Sendable, Codable {
    public var title: String
    /// The task area: the outline of the hot cells.
    public var area: GeoArea
    public var cells: [GridCellID]
    public var boundingBox: GeoBounds
    /// Violations in the hot cells.
    public var violationCount: Int
    public var maximumZScore: Double
    /// ISO weekday, Monday = 1.
    public var weekday: Int
    /// Local hour the window starts.
    public var startHour: Int
    public var windowHours: Int
    /// Violations the matrix has in the window.
    public var windowViolations: Int
    public var startMillis: Int64
    public var endMillis: Int64
    public var timeZoneIdentifier: String

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// - Throws: `ViolationError.Code.invalidArgument` when `cell` is not hot at `minimumBin`,
    ///   the matrix is empty or `windowHours` is not 1 ... 24.
    public static func suggest(
        hotspots: Hotspots, at cell: GridCellID, matrix: HourWeekdayMatrix, nowMillis: Int64,
        minimumBin: Int = 2, windowHours: Int = 4
    ) throws -> HotspotPlan {
        guard (1...24).contains(windowHours) else { throw ViolationError(.invalidArgument, "the window must be 1 to 24 hours") }
        guard let chosen = hotspots.cell(cell), chosen.bin >= minimumBin else {
            let bin = hotspots.cell(cell).map { "bin \($0.bin)" } ?? "outside the grid"
            throw ViolationError(.invalidArgument, "cell \(cell) is not a hotspot at bin ≥ \(minimumBin) (\(bin))")
        }
        guard matrix.total > 0 else { throw ViolationError(.invalidArgument, "the hour × weekday matrix is empty, so there is no time to suggest") }

        var component: Set<GridCellID> = [cell]
        var queue = [cell]
        while let next = queue.popLast() {
            for dr in -1...1 {
                for dc in -1...1 {
                    let id = GridCellID(row: next.row + dr, column: next.column + dc)
                    guard !component.contains(id), let c = hotspots.cell(id), c.bin >= minimumBin else { continue }
                    component.insert(id)
                    queue.append(id)
                }
            }
        }
        let hot = component.sorted().compactMap(hotspots.cell)
        let polygon = CellOutline.polygon(of: component, in: hotspots.grid)!
        let weekday = (1...7).max { (matrix.total(weekday: $0), -$0) < (matrix.total(weekday: $1), -$1) }!
        func window(_ start: Int) -> Int { (start..<start + windowHours).reduce(0) { $0 + matrix.count(weekday: weekday, hour: $1) } }
        let startHour = (0...(24 - windowHours)).max { (window($0), -$0) < (window($1), -$1) }!

        let start = try nextStart(weekday: weekday, hour: startHour, after: nowMillis, timeZoneIdentifier: matrix.timeZoneIdentifier)
        let endHour = (startHour + windowHours) % 24
        let count = hot.reduce(0) { $0 + $1.count }
        // What a dispatcher reads on the board: when, and why there; no grid coordinates.
        let title = "Hotspot patrol, \(weekdayNames[weekday - 1]) " + String(format: "%02d:00–%02d:00", startHour, endHour)
            + " (\(count) \(count == 1 ? "violation" : "violations") in \(hot.count == 1 ? "one hot cell" : "\(hot.count) hot cells"))"
        return HotspotPlan(
            title: title, area: .polygon(polygon), cells: hot.map(\.cell.id), boundingBox: GeoBounds(polygon),
            violationCount: count, maximumZScore: hot.map(\.zScore).max() ?? 0, weekday: weekday, startHour: startHour,
            windowHours: windowHours, windowViolations: window(startHour), startMillis: start,
            endMillis: start + Int64(windowHours) * 3_600_000, timeZoneIdentifier: matrix.timeZoneIdentifier
        )
    }

    /// The first local `hour`:00 on ISO `weekday` strictly after `nowMillis`.
    static func nextStart(weekday: Int, hour: Int, after nowMillis: Int64, timeZoneIdentifier: String) throws -> Int64 {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else {
            throw ViolationError(.invalidArgument, "unknown time zone '\(timeZoneIdentifier)'")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let now = Date(timeIntervalSince1970: Double(nowMillis) / 1000)
        // Foundation numbers weekdays from Sunday = 1; ISO from Monday = 1.
        let components = DateComponents(hour: hour, minute: 0, second: 0, weekday: weekday % 7 + 1)
        guard let next = calendar.nextDate(after: now, matching: components, matchingPolicy: .nextTime) else {
            throw ViolationError(.invalidArgument, "no \(weekdayNames[weekday - 1]) \(hour):00 follows the given time")
        }
        return Int64((next.timeIntervalSince1970 * 1000).rounded())
    }
}
