public import MGISCore

/// Violations counted per grid cell: the base of the heat map and of the hotspot test.
public struct GridCounts: Hashable, Sendable, Codable {
    public var grid: GeoGrid
    /// The non-empty cells in row-major order.
    public var cells: [GridCellCount]
    /// Violations counted (those that passed the filter and fell in the grid).
    public var total: Int

    public init(grid: GeoGrid, cells: [GridCellCount], total: Int) {
        self.grid = grid
        self.cells = cells
        self.total = total
    }

    /// Counts the violations that pass `filter` per cell of `grid`.
    public static func compute(_ violations: [Violation], grid: GeoGrid, filter: AnalysisFilter = .all) -> GridCounts {
        var counts = [Int](repeating: 0, count: grid.cellCount)
        var values = [Double](repeating: 0, count: grid.cellCount)
        for violation in violations where filter.matches(violation) {
            guard let index = grid.cellIndex(latitude: violation.location.latitude, longitude: violation.location.longitude) else { continue }
            counts[index] += 1
            values[index] += violation.estimatedValueEUR ?? 0
        }
        return GridCounts(grid: grid, dense: counts, values: values)
    }

    /// Counts `points` per cell of `grid` (points outside the grid are left out).
    public static func compute(points: [GeoPoint], grid: GeoGrid) -> GridCounts {
        GridCounts(grid: grid, dense: denseCounts(points: points, grid: grid), values: nil)
    }

    /// Counts per cell in row-major order, empty cells included: what `Hotspots` tests.
    public var denseCounts: [Int] {
        var dense = [Int](repeating: 0, count: grid.cellCount)
        for cell in cells {
            if let index = grid.index(of: cell.cell.id) { dense[index] = cell.count }
        }
        return dense
    }

    static func denseCounts(points: [GeoPoint], grid: GeoGrid) -> [Int] {
        var counts = [Int](repeating: 0, count: grid.cellCount)
        for point in points {
            if let index = grid.cellIndex(latitude: point.latitude, longitude: point.longitude) { counts[index] += 1 }
        }
        return counts
    }

    init(grid: GeoGrid, dense counts: [Int], values: [Double]?) {
        var cells: [GridCellCount] = []
        var total = 0
        for index in counts.indices where counts[index] > 0 {
            total += counts[index]
            cells.append(GridCellCount(cell: grid.cell(grid.cellID(atIndex: index)), count: counts[index], valueSumEUR: values?[index] ?? 0))
        }
        self.init(grid: grid, cells: cells, total: total)
    }
}
