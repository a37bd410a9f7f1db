import Foundation
import MGISCore
import MGISViolations
import Testing

@Suite struct DensityTests {
    /// One point at a cell centre: that cell gets the kernel's peak 3/(π h²) per m², i.e. 3/π per km²
    /// for h = 1 km, and the surface integrates to one violation.
    @Test func testQuarticKernelPeakAndIntegral() throws {
        let grid = try Fixtures.grid(rows: 40, columns: 40, size: 100)
        let centre = grid.cell(GridCellID(row: 20, column: 20)).center
        let surface = try DensitySurface.compute(points: [centre], grid: grid, bandwidthMeters: 1000)
        let peak = try #require(surface.cells.first { $0.cell.id == GridCellID(row: 20, column: 20) })
        #expect(abs(peak.densityPerSquareKilometer - 3 / Double.pi) < 1e-9)
        // A cell 5 cells east: d = 500 m, (1 − 0.25)² · 3/π.
        let east = try #require(surface.cells.first { $0.cell.id == GridCellID(row: 20, column: 25) })
        #expect(abs(east.densityPerSquareKilometer - 0.5625 * 3 / Double.pi) < 1e-9)
        let integral = surface.cells.reduce(0) { $0 + $1.densityPerSquareKilometer * 0.01 }  // 100 m cells are 0.01 km²
        #expect(abs(integral - 1) < 0.01)
        // Only cells with d < h: none 10 or more cells away in a straight line.
        #expect(!surface.cells.contains { $0.cell.id == GridCellID(row: 20, column: 30) })
    }

    /// Four corners of a 2 m square: every point is √2 from the mean centre, so SD = Dm = √2,
    /// √(1/ln 2) · √2 > √2, and h = 0.9 · √2 · 4^(−0.2).
    @Test func testSilvermanBandwidthByHand() {
        let h = DensitySurface.silvermanBandwidth([(0, 0), (2, 0), (0, 2), (2, 2)])
        let expected = 0.9 * 2.0.squareRoot() * pow(4.0, -0.2)
        #expect(abs((h ?? 0) - expected) < 1e-12)
        #expect(DensitySurface.silvermanBandwidth([(1, 1), (1, 1)]) == nil)
    }
}
