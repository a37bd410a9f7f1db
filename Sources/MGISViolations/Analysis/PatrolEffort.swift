import MGISCore

/// Hours patrolled per grid cell from the stored GPS tracks, and violations per patrol-hour:
/// the rate that tells a busy place from a merely well-watched one.
///
/// Attribution: the time between two consecutive points of one device, t₂ − t₁, is credited
/// to the cell of the *earlier* point (where the crew was when the interval began). Intervals
/// longer than `maxGapMillis` (default 5 min) are not counted, since the device was off or
/// out of coverage and where the crew spent that time is unknown; intervals ≤ 0 (duplicates,
/// out-of-order points) are skipped. Tracks should be in time order.
/// With a filter, an interval counts when its earlier point is inside the time range and the
/// area; unit, type and value conditions apply to violations only (pass the tracks of the units wanted).
///
/// Cost: one pass over the points, the cell found by arithmetic and time summed into one
/// dense array of integer milliseconds; nothing is allocated per point.
public struct PatrolEffort: Hashable, Sendable, Codable {
    public var grid: GeoGrid
    public var maxGapMillis: Int64
    /// Every cell that was patrolled or had a violation, in row-major order; cells not listed had neither.
    public var cells: [PatrolEffortCell]
    /// Hours counted over the whole grid.
    public var totalHours: Double

    /// Five minutes: GPS trackers report every 10 ... 60 s while moving.
    public static let defaultMaxGapMillis: Int64 = 300_000

    /// - Throws: `ViolationError.Code.invalidArgument` when `maxGapMillis` is not positive.
    public static func compute(
        tracks: [[TrackPoint]],
        violations: [Violation],
        grid: GeoGrid,
        filter: AnalysisFilter = .all,
        maxGapMillis: Int64 = defaultMaxGapMillis,
        budget: AnalysisBudget = .unlimited
    ) throws -> PatrolEffort {
        guard maxGapMillis > 0 else { throw ViolationError(.invalidArgument, "the maximum gap must be positive") }
        try budget.admit(
            steps: tracks.reduce(violations.count + grid.cellCount) { $0 &+ $1.count },
            advice: "shorten the period, enlarge the cell or narrow the area"
        )
        var millis = [Int64](repeating: 0, count: grid.cellCount)
        try millis.withUnsafeMutableBufferPointer { cellMillis in
            for track in tracks {
                try budget.checkCancelled()
                track.withUnsafeBufferPointer { points in
                    guard points.count > 1 else { return }
                    for i in 1..<points.count {
                        let earlier = points[i - 1]
                        let dt = points[i].timeMillis - earlier.timeMillis
                        guard dt > 0, dt <= maxGapMillis else { continue }
                        if let range = filter.timeRange, !range.contains(earlier.timeMillis) { continue }
                        guard let index = grid.cellIndex(latitude: earlier.point.latitude, longitude: earlier.point.longitude) else { continue }
                        if let area = filter.area, !area.contains(earlier.point) { continue }
                        cellMillis[index] += dt
                    }
                }
            }
        }
        var counts = [Int](repeating: 0, count: grid.cellCount)
        for violation in violations where filter.matches(violation) {
            if let index = grid.cellIndex(latitude: violation.location.latitude, longitude: violation.location.longitude) {
                counts[index] += 1
            }
        }
        var cells: [PatrolEffortCell] = []
        var total: Int64 = 0
        for index in 0..<grid.cellCount where millis[index] > 0 || counts[index] > 0 {
            total += millis[index]
            cells.append(PatrolEffortCell(cell: grid.cell(grid.cellID(atIndex: index)), hours: Double(millis[index]) / 3_600_000, violations: counts[index]))
        }
        return PatrolEffort(grid: grid, maxGapMillis: maxGapMillis, cells: cells, totalHours: Double(total) / 3_600_000)
    }
}
