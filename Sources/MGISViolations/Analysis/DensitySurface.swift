import Foundation
public import MGISCore

/// A kernel density surface of violations on a grid: the smooth heat map.
///
/// Kernel: quartic (biweight), as ArcGIS's Kernel Density (Silverman 1986, eq. 4.5):
///
///     density(c) = Σᵢ 3/(π h²) · (1 − dᵢ²/h²)²   for dᵢ < h, else 0
///
/// where dᵢ is the distance from the cell centre c to violation i and h the bandwidth. The
/// kernel integrates to 1, so the surface integrates to the number of violations and reads
/// as "violations per km²" (values are scaled from per m² by 10⁶). Distances are in the
/// grid's equirectangular plane (`GeoGrid`).
///
/// Default bandwidth: the spatial variant of Silverman's rule of thumb that ArcGIS documents,
///
///     h = 0.9 · min(SD, √(1/ln 2) · Dₘ) · n^(−0.2)
///
/// with SD the standard distance of the points from their mean centre (√(Σdᵢ²/n)) and Dₘ the
/// median of those distances; robust to outliers through Dₘ.
public struct DensitySurface: Hashable, Sendable, Codable {
    public struct Cell: Hashable, Sendable, Codable {
        public var cell: GridCell
        /// Violations per km² at the cell centre.
        public var densityPerSquareKilometer: Double

        public init(cell: GridCell, densityPerSquareKilometer: Double) {
            self.cell = cell
            self.densityPerSquareKilometer = densityPerSquareKilometer
        }
    }

    public var grid: GeoGrid
    public var bandwidthMeters: Double
    /// The cells with a density above 0, row-major.
    public var cells: [Cell]

    /// The surface of the violations that pass `filter`.
    public static func compute(
        _ violations: [Violation], grid: GeoGrid, filter: AnalysisFilter = .all, bandwidthMeters: Double? = nil,
        budget: AnalysisBudget = .unlimited
    ) throws -> DensitySurface {
        try compute(points: violations.filter(filter.matches).map(\.location), grid: grid, bandwidthMeters: bandwidthMeters, budget: budget)
    }

    /// The surface of `points`; `bandwidthMeters` `nil` uses the rule above.
    /// - Throws: `ViolationError.Code.invalidArgument` for a non-positive bandwidth, or when the
    ///   rule gives none (fewer than 2 distinct points).
    public static func compute(
        points: [GeoPoint], grid: GeoGrid, bandwidthMeters: Double? = nil, budget: AnalysisBudget = .unlimited
    ) throws -> DensitySurface {
        let plane = points.map { grid.planeMeters($0) }
        guard let h = bandwidthMeters ?? silvermanBandwidth(plane), h.isFinite, h > 0 else {
            throw ViolationError(.invalidArgument, "the bandwidth must be positive; with fewer than two distinct points give one explicitly")
        }
        var density = [Double](repeating: 0, count: grid.cellCount)
        let size = grid.cellSizeMeters, h2 = h * h
        let reach = Int((h / size).rounded(.up))
        // Each point warms the cells within reach of it; then every cell is read once.
        let window = min(2 * reach + 1, grid.rows) * min(2 * reach + 1, grid.columns)
        try budget.admit(
            steps: AnalysisBudget.product(plane.count, window) + grid.cellCount,
            advice: "enlarge the cell, shorten the bandwidth or narrow the area or the filters"
        )
        for (index, (x, y)) in plane.enumerated() {
            if index % 256 == 0 { try budget.checkCancelled() }
            let column = Int((x / size).rounded(.down)), row = Int((y / size).rounded(.down))
            // Cells whose centre may be within h; a point outside the grid still warms the cells near it.
            for r in stride(from: max(0, row - reach), through: min(grid.rows - 1, row + reach), by: 1) {
                let dy = (Double(r) + 0.5) * size - y
                for c in stride(from: max(0, column - reach), through: min(grid.columns - 1, column + reach), by: 1) {
                    let dx = (Double(c) + 0.5) * size - x
                    let d2 = dx * dx + dy * dy
                    if d2 < h2 {
                        let u = 1 - d2 / h2
                        density[r * grid.columns + c] += u * u
                    }
                }
            }
        }
        let scale = 3 / (Double.pi * h2) * 1e6
        let cells = density.indices.filter { density[$0] > 0 }.map {
            Cell(cell: grid.cell(grid.cellID(atIndex: $0)), densityPerSquareKilometer: density[$0] * scale)
        }
        return DensitySurface(grid: grid, bandwidthMeters: h, cells: cells)
    }

    /// 0.9 · min(SD, √(1/ln 2) · Dₘ) · n^(−0.2) over plane coordinates, or `nil` when it is 0.
    public static func silvermanBandwidth(_ plane: [(x: Double, y: Double)]) -> Double? {
        guard plane.count >= 2 else { return nil }
        let n = Double(plane.count)
        let mx = plane.reduce(0) { $0 + $1.x } / n, my = plane.reduce(0) { $0 + $1.y } / n
        let distances = plane.map { (($0.x - mx) * ($0.x - mx) + ($0.y - my) * ($0.y - my)).squareRoot() }.sorted()
        let sd = (distances.reduce(0) { $0 + $1 * $1 } / n).squareRoot()
        let mid = distances.count / 2
        let median = distances.count % 2 == 1 ? distances[mid] : (distances[mid - 1] + distances[mid]) / 2
        let h = 0.9 * min(sd, (1 / log(2.0)).squareRoot() * median) * pow(n, -0.2)
        return h > 0 ? h : nil
    }
}
