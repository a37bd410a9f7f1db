/// Which cells are a cell's neighbours in the Gi* statistic. Weights are binary (1 inside,
/// 0 outside) and a cell is always its own neighbour (that is the "*" of Gi*).
public enum HotspotNeighbourhood: Hashable, Sendable, Codable {
    /// The cell and its 8 surrounding cells (queen contiguity): the default.
    case queen
    /// Every cell whose centre lies within `meters` of the cell's centre (a fixed distance band),
    /// measured in the grid's plane, where cell centres are exactly `cellSizeMeters` apart.
    case distanceBand(meters: Double)

    /// The (row, column) offsets of the neighbours, the cell itself included.
    func offsets(cellSizeMeters: Double) -> [(row: Int, column: Int)] {
        var offsets: [(row: Int, column: Int)] = []
        forEachRow(cellSizeMeters: cellSizeMeters) { dr, columns in
            for dc in columns { offsets.append((dr, dc)) }
        }
        return offsets
    }

    /// How many offsets `offsets(cellSizeMeters:)` returns, counted row by row without building
    /// them: a cost estimate must stay cheap for a band of thousands of cells.
    func offsetCount(cellSizeMeters: Double) -> Int {
        var count = 0
        forEachRow(cellSizeMeters: cellSizeMeters) { _, columns in count += columns.count }
        return count
    }

    /// Calls `body` with each row offset and the column offsets within the band on that row.
    private func forEachRow(cellSizeMeters: Double, _ body: (Int, ClosedRange<Int>) -> Void) {
        let band: Double
        switch self {
        case .queen: band = cellSizeMeters * 2.0.squareRoot()
        case .distanceBand(let meters): band = meters
        }
        let reach = Int((band / cellSizeMeters).rounded(.down))
        for dr in -reach...reach {
            // The widest column offset whose centre lies within the band (same tolerance as ever).
            var widest = Int(max(0, band * band / (cellSizeMeters * cellSizeMeters) - Double(dr * dr)).squareRoot().rounded(.down))
            widest = min(reach, max(0, widest))
            while widest < reach, Self.within(dr, widest + 1, cellSizeMeters, band) { widest += 1 }
            while widest >= 0, !Self.within(dr, widest, cellSizeMeters, band) { widest -= 1 }
            if widest >= 0 { body(dr, -widest...widest) }
        }
    }

    private static func within(_ dr: Int, _ dc: Int, _ cellSizeMeters: Double, _ band: Double) -> Bool {
        (Double(dr * dr + dc * dc)).squareRoot() * cellSizeMeters <= band * (1 + 1e-9)
    }
}
