import Foundation
import MGISCore
import MGISViolations
import Testing

@Suite struct HotspotTests {
    /// 4 × 4 counts, row 0 (south) first.
    static let counts = [
        0, 1, 2, 0,
        1, 8, 9, 1,
        0, 7, 10, 2,
        0, 1, 1, 0,
    ]

    @Test func testGiStarByHandOnAFourByFourGrid() throws {
        let grid = try Fixtures.grid(rows: 4, columns: 4)
        let result = try Hotspots.compute(denseCounts: Self.counts, grid: grid, correction: .none)
        // n = 16, Σx = 43, Σx² = 0+1+4+0 + 1+64+81+1 + 0+49+100+4 + 0+1+1+0 = 307.
        let n = 16.0, mean = 43.0 / 16
        let s = (307.0 / 16 - mean * mean).squareRoot()
        #expect(abs(result.mean - mean) < 1e-12 && abs(result.standardDeviation - s) < 1e-12)
        // Corner (0,0): itself, (0,1), (1,0), (1,1) → 0 + 1 + 1 + 8 = 10, w = 4.
        let z00 = (10 - mean * 4) / (s * ((n * 4 - 4 * 4) / (n - 1)).squareRoot())
        // Edge (0,1): (0,0) (0,1) (0,2) (1,0) (1,1) (1,2) → 0 + 1 + 2 + 1 + 8 + 9 = 21, w = 6.
        let z01 = (21 - mean * 6) / (s * ((n * 6 - 6 * 6) / (n - 1)).squareRoot())
        // Interior (2,2): rows 1...3, columns 1...3 → 8 + 9 + 1 + 7 + 10 + 2 + 1 + 1 + 0 = 39, w = 9.
        let z22 = (39 - mean * 9) / (s * ((n * 9 - 9 * 9) / (n - 1)).squareRoot())
        let c00 = try #require(result.cell(GridCellID(row: 0, column: 0)))
        let c01 = try #require(result.cell(GridCellID(row: 0, column: 1)))
        let c22 = try #require(result.cell(GridCellID(row: 2, column: 2)))
        #expect(abs(c00.zScore - z00) < 1e-12 && c00.neighbourCount == 4)
        #expect(abs(c01.zScore - z01) < 1e-12 && c01.neighbourCount == 6)
        #expect(abs(c22.zScore - z22) < 1e-12 && c22.neighbourCount == 9)
        // z22 = 14.8125 / (3.4590 · 2.0494) ≈ 2.09: significant at 95 %, not 99 %; p from the C library's erfc.
        #expect(abs(c22.pValue - Foundation.erfc(z22 / 2.0.squareRoot())) < 1e-15)
        #expect(c22.bin == 2)
        // Bins follow |z| against 1.645 / 1.960 / 2.576 when uncorrected.
        for cell in result.cells {
            let z = abs(cell.zScore)
            let expected = z >= 2.5758293035489 ? 3 : z >= 1.959963984540054 ? 2 : z >= 1.6448536269514722 ? 1 : 0
            #expect(abs(cell.bin) == expected && (cell.bin == 0 || (cell.bin > 0) == (cell.zScore > 0)))
        }
    }

    @Test func testBenjaminiHochbergByHand() throws {
        let grid = try Fixtures.grid(rows: 4, columns: 4)
        let result = try Hotspots.compute(denseCounts: Self.counts, grid: grid, correction: .benjaminiHochberg)
        let sorted = result.cells.map(\.pValue).sorted()
        // BH at α: the largest k with p(k) ≤ k α / 16; everything up to p(k) is significant.
        for (bin, alpha) in [(1, 0.10), (2, 0.05), (3, 0.01)] {
            var threshold = -1.0
            for k in 1...16 where sorted[k - 1] <= Double(k) * alpha / 16 { threshold = sorted[k - 1] }
            for cell in result.cells {
                #expect((abs(cell.bin) >= bin) == (cell.pValue <= threshold))
            }
        }
    }

    @Test func testDistanceBandOfOneCellIsRookPlusItself() throws {
        let grid = try Fixtures.grid(rows: 4, columns: 4)
        let result = try Hotspots.compute(denseCounts: Self.counts, grid: grid, neighbourhood: .distanceBand(meters: 1000))
        #expect(result.cell(GridCellID(row: 2, column: 2))?.neighbourCount == 5)
        #expect(result.cell(GridCellID(row: 0, column: 0))?.neighbourCount == 3)
    }

    @Test func testPlantedHotspotIsFoundAt99Percent() throws {
        let grid = try Fixtures.grid(rows: 20, columns: 20)
        var rng = SplitMix64(seed: 42)
        var points = uniformPoints(2000, grid: grid, rng: &rng)
        for row in 9...11 {
            for column in 9...11 {
                let centre = grid.cell(GridCellID(row: row, column: column)).center
                points += Array(repeating: centre, count: 25)
            }
        }
        let result = try Hotspots.compute(GridCounts.compute(points: points, grid: grid))
        #expect(result.cell(GridCellID(row: 10, column: 10))?.bin == 3)
        let hot = Set(result.cells.filter { $0.bin == 3 }.map(\.cell.id))
        #expect(hot.isSuperset(of: [GridCellID(row: 9, column: 9), GridCellID(row: 11, column: 11)]))
        // Nothing far from the plant is hot.
        #expect(hot.allSatisfy { abs($0.row - 10) <= 3 && abs($0.column - 10) <= 3 })
    }

    /// Under uniform randomness there is no hotspot, so every flagged cell is a false discovery
    /// and BH's FDR bound becomes P(any cell flagged at level α) ≤ α: the share of 100 seeded
    /// runs with any flag must be at most 10 % / 5 % / 1 % at 90 / 95 / 99 % confidence.
    @Test func testUniformBackgroundIsNotFlagged() throws {
        let grid = try Fixtures.grid(rows: 20, columns: 20)
        let seeds = 100
        var flagged = [1: 0, 2: 0, 3: 0]
        var uncorrectedCells = 0
        for seed in 0..<seeds {
            var rng = SplitMix64(seed: UInt64(seed))
            let counts = GridCounts.compute(points: uniformPoints(2000, grid: grid, rng: &rng), grid: grid)
            let result = try Hotspots.compute(counts)
            for bin in 1...3 where result.cells.contains(where: { abs($0.bin) >= bin }) { flagged[bin]! += 1 }
            uncorrectedCells += try Hotspots.compute(counts, correction: .none).cells.filter { abs($0.bin) >= 2 }.count
        }
        for (bin, alpha) in [(1, 0.10), (2, 0.05), (3, 0.01)] {
            #expect(Double(flagged[bin]!) / Double(seeds) <= alpha, "bin \(bin): \(flagged[bin]!) of \(seeds) seeds flagged")
        }
        // Without the correction about 5 % of the 400 cells are "significant at 95 %" per seed: the test has teeth.
        #expect(Double(uncorrectedCells) / Double(seeds) > 10)
    }

    func uniformPoints(_ count: Int, grid: GeoGrid, rng: inout SplitMix64) -> [GeoPoint] {
        let b = grid.bounds
        return (0..<count).map { _ in
            GeoPoint(latitude: b.minLatitude + rng.unit() * (b.maxLatitude - b.minLatitude),
                     longitude: b.minLongitude + rng.unit() * (b.maxLongitude - b.minLongitude))
        }
    }
}
