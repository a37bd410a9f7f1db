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
        let band: Double
        switch self {
        case .queen: band = cellSizeMeters * 2.0.squareRoot()
        case .distanceBand(let meters): band = meters
        }
        let reach = Int((band / cellSizeMeters).rounded(.down))
        var offsets: [(row: Int, column: Int)] = []
        for dr in -reach...reach {
            for dc in -reach...reach {
                let distance = (Double(dr * dr + dc * dc)).squareRoot() * cellSizeMeters
                if distance <= band * (1 + 1e-9) { offsets.append((dr, dc)) }
            }
        }
        return offsets
    }
}
