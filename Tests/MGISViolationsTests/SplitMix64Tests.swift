import MGISCore
import MGISViolations
import Testing

@Suite struct SplitMix64Tests {
    /// The first outputs for seed 0 of Vigna's reference splitmix64.c.
    @Test func testKnownAnswers() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
        let u = rng.unit()
        #expect(u >= 0 && u < 1)
    }
}
