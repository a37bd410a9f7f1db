import Foundation
import MGISViolations
import Testing

@Suite struct NormalDistributionTests {
    /// The C library's erfc is an independent implementation (glibc / Apple libm).
    @Test func testErfcAgreesWithTheCLibrary() {
        var x = -6.0
        while x <= 26 {
            let ours = NormalDistribution.erfc(x), libm = Foundation.erfc(x)
            #expect(abs(ours - libm) <= 1e-13 * libm, "erfc(\(x)): \(ours) vs \(libm)")
            x += 0.0625
        }
        #expect(abs(NormalDistribution.erf(0.5) - Foundation.erf(0.5)) < 1e-15)
    }

    @Test func testKnownQuantiles() {
        // Φ(1.959963984540054) = 0.975 and Φ(2.5758293035489004) = 0.995 (standard tables).
        #expect(abs(NormalDistribution.cdf(1.959963984540054) - 0.975) < 1e-14)
        #expect(abs(NormalDistribution.twoSidedPValue(2.5758293035489004) - 0.01) < 1e-14)
        #expect(abs(NormalDistribution.twoSidedPValue(-1.6448536269514722) - 0.10) < 1e-14)
        #expect(NormalDistribution.cdf(0) == 0.5)
        #expect(NormalDistribution.twoSidedPValue(40) == 0)
    }
}
