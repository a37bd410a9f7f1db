/// How p-values are corrected for testing every cell of the study area at once.
public enum MultipleTestCorrection: String, Hashable, Sendable, Codable {
    /// Each cell is tested at the nominal level: with 1 000 cells, ~50 are "hot or cold at 95 %" by chance.
    case none
    /// Benjamini–Hochberg (1995) false discovery rate, as ArcGIS's "Apply FDR correction".
    ///
    /// For m tests with sorted p-values p₍₁₎ ≤ ... ≤ p₍ₘ₎ and level α, let k be the largest i
    /// with p₍ᵢ₎ ≤ i·α/m; the cells with p ≤ p₍ₖ₎ are significant. The expected share of false
    /// discoveries among the flagged cells is then at most α·m₀/m ≤ α for independent or
    /// positively dependent (PRDS) tests, which overlapping Gi* neighbourhoods are taken to be.
    /// When no cell is truly hot or cold, this bounds the chance of flagging any cell at all by α.
    case benjaminiHochberg
}
