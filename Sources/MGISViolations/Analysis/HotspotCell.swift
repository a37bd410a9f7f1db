/// One cell of a `Hotspots` result.
public struct HotspotCell: Hashable, Sendable, Codable {
    public var cell: GridCell
    /// Violations in the cell.
    public var count: Int
    /// Σⱼ wᵢⱼ: the neighbours in the grid, the cell included (fewer at the edges).
    public var neighbourCount: Int
    /// Gi* as a z-score: positive where violations cluster, negative where they are sparse.
    public var zScore: Double
    /// Two-sided p-value of `zScore` under the standard normal distribution.
    public var pValue: Double
    /// −3 ... 3 as ArcGIS's Gi_Bin: ±3 significant at 99 %, ±2 at 95 %, ±1 at 90 % (after
    /// the correction), sign of the z-score; 0 not significant.
    public var bin: Int

    public init(cell: GridCell, count: Int, neighbourCount: Int, zScore: Double, pValue: Double, bin: Int) {
        self.cell = cell
        self.count = count
        self.neighbourCount = neighbourCount
        self.zScore = zScore
        self.pValue = pValue
        self.bin = bin
    }

    /// Significantly hot at 90 % or more.
    public var isHot: Bool { bin > 0 }
    /// Significantly cold at 90 % or more.
    public var isCold: Bool { bin < 0 }
}
