/// One non-empty cell of a `GridCounts`.
public struct GridCellCount: Hashable, Sendable, Codable {
    public var cell: GridCell
    /// Violations in the cell.
    public var count: Int
    /// Sum of their estimated values in euros (violations without a value add nothing).
    public var valueSumEUR: Double

    public init(cell: GridCell, count: Int, valueSumEUR: Double) {
        self.cell = cell
        self.count = count
        self.valueSumEUR = valueSumEUR
    }
}
