import Foundation

/// Getis-Ord Gi* hotspots on grid counts: where violations cluster more (hot) or less (cold)
/// than chance would put them, given the whole study area.
///
/// For cell i with neighbours j (binary weights wᵢⱼ, wᵢᵢ = 1), n cells, counts xⱼ,
/// X̄ = Σⱼ xⱼ / n and S = √(Σⱼ xⱼ² / n − X̄²) (Getis & Ord 1992; Ord & Getis 1995):
///
///     Gi* = (Σⱼ wᵢⱼ xⱼ − X̄ Σⱼ wᵢⱼ) / (S · √((n Σⱼ wᵢⱼ² − (Σⱼ wᵢⱼ)²) / (n − 1)))
///
/// Gi* is already a z-score; its two-sided p-value comes from the normal distribution.
/// Every cell of the study grid is tested, empty ones included: an empty cell is information.
public struct Hotspots: Hashable, Sendable, Codable {
    public var grid: GeoGrid
    public var neighbourhood: HotspotNeighbourhood
    public var correction: MultipleTestCorrection
    /// Every cell of the grid in row-major order.
    public var cells: [HotspotCell]
    /// X̄, the mean count per cell.
    public var mean: Double
    /// S, the population standard deviation of the counts (0: no variation, every z is 0).
    public var standardDeviation: Double

    public init(
        grid: GeoGrid, neighbourhood: HotspotNeighbourhood, correction: MultipleTestCorrection,
        cells: [HotspotCell], mean: Double, standardDeviation: Double
    ) {
        self.grid = grid
        self.neighbourhood = neighbourhood
        self.correction = correction
        self.cells = cells
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The cell `id`, or `nil` outside the grid.
    public func cell(_ id: GridCellID) -> HotspotCell? {
        grid.index(of: id).map { cells[$0] }
    }

    /// Runs Gi* on `counts` (empty cells of its grid are counted as zeros).
    public static func compute(
        _ counts: GridCounts,
        neighbourhood: HotspotNeighbourhood = .queen,
        correction: MultipleTestCorrection = .benjaminiHochberg,
        budget: AnalysisBudget = .unlimited
    ) throws -> Hotspots {
        try compute(denseCounts: counts.denseCounts, grid: counts.grid, neighbourhood: neighbourhood, correction: correction, budget: budget)
    }

    /// Throws `ViolationError.Code.overBudget` when a run over `grid` would exceed `budget`.
    public static func checkBudget(grid: GeoGrid, neighbourhood: HotspotNeighbourhood, _ budget: AnalysisBudget) throws {
        try budget.admit(steps: estimatedSteps(grid: grid, neighbourhood: neighbourhood), advice: "enlarge the cell, narrow the area or shorten the band")
    }

    /// Steps of a run over `grid`: every cell visits every neighbour offset.
    public static func estimatedSteps(grid: GeoGrid, neighbourhood: HotspotNeighbourhood) -> Int {
        AnalysisBudget.product(grid.cellCount, neighbourhood.offsetCount(cellSizeMeters: grid.cellSizeMeters))
    }

    /// Runs Gi* on counts given for every cell of `grid` in row-major order.
    /// - Throws: `ViolationError.Code.invalidArgument` when the counts do not match the grid,
    ///   the grid has fewer than 2 cells or the distance band is not positive.
    public static func compute(
        denseCounts x: [Int],
        grid: GeoGrid,
        neighbourhood: HotspotNeighbourhood = .queen,
        correction: MultipleTestCorrection = .benjaminiHochberg,
        budget: AnalysisBudget = .unlimited
    ) throws -> Hotspots {
        guard x.count == grid.cellCount else {
            throw ViolationError(.invalidArgument, "\(x.count) counts given for a grid of \(grid.cellCount) cells")
        }
        guard grid.cellCount >= 2 else { throw ViolationError(.invalidArgument, "Gi* needs a study area of at least 2 cells") }
        if case .distanceBand(let meters) = neighbourhood, !(meters.isFinite && meters >= 0) {
            throw ViolationError(.invalidArgument, "the distance band must be a finite number of metres ≥ 0")
        }
        try checkBudget(grid: grid, neighbourhood: neighbourhood, budget)
        let n = Double(x.count)
        let sum = x.reduce(0.0) { $0 + Double($1) }
        let sumSquares = x.reduce(0.0) { $0 + Double($1) * Double($1) }
        let mean = sum / n
        let s = max(0, sumSquares / n - mean * mean).squareRoot()

        let offsets = neighbourhood.offsets(cellSizeMeters: grid.cellSizeMeters)
        var z = [Double](repeating: 0, count: x.count)
        var weights = [Int](repeating: 0, count: x.count)
        // Checked about every million neighbour visits: a row of a wide band can take seconds.
        var visitsSinceCheck = 0
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                visitsSinceCheck += offsets.count
                if visitsSinceCheck >= 1 << 20 {
                    try budget.checkCancelled()
                    visitsSinceCheck = 0
                }
                var local = 0
                var w = 0
                for offset in offsets {
                    let r = row + offset.row, c = column + offset.column
                    guard r >= 0, r < grid.rows, c >= 0, c < grid.columns else { continue }
                    local += x[r * grid.columns + c]
                    w += 1
                }
                let i = row * grid.columns + column
                weights[i] = w
                // Binary weights: Σw² = Σw = w.
                let denominator = s * ((n * Double(w) - Double(w) * Double(w)) / (n - 1)).squareRoot()
                z[i] = denominator > 0 ? (Double(local) - mean * Double(w)) / denominator : 0
            }
        }
        let p = z.map(NormalDistribution.twoSidedPValue)
        let bins = Hotspots.bins(z: z, p: p, correction: correction)
        let cells = x.indices.map { i in
            HotspotCell(cell: grid.cell(grid.cellID(atIndex: i)), count: x[i], neighbourCount: weights[i], zScore: z[i], pValue: p[i], bin: bins[i])
        }
        return Hotspots(grid: grid, neighbourhood: neighbourhood, correction: correction, cells: cells, mean: mean, standardDeviation: s)
    }

    /// Confidence levels of the bins: 90 %, 95 %, 99 %.
    static let levels: [(bin: Int, alpha: Double)] = [(1, 0.10), (2, 0.05), (3, 0.01)]

    /// Bin per cell: the highest level at which its p-value is significant after `correction`.
    static func bins(z: [Double], p: [Double], correction: MultipleTestCorrection) -> [Int] {
        let sorted = p.sorted()
        var bins = [Int](repeating: 0, count: p.count)
        for level in levels {
            let threshold = correction == .none ? level.alpha : benjaminiHochbergThreshold(sorted: sorted, alpha: level.alpha)
            for i in p.indices where p[i] <= threshold && z[i] != 0 {
                bins[i] = z[i] > 0 ? level.bin : -level.bin
            }
        }
        return bins
    }

    /// p₍ₖ₎ for the largest k with p₍ₖ₎ ≤ k·α/m, or −1 when no p-value qualifies.
    static func benjaminiHochbergThreshold(sorted: [Double], alpha: Double) -> Double {
        let m = Double(sorted.count)
        var threshold = -1.0
        for (i, value) in sorted.enumerated() where value <= Double(i + 1) * alpha / m {
            threshold = value
        }
        return threshold
    }
}
