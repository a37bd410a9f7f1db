/// A small, fast pseudo-random generator for the movement model (SplitMix64).
///
/// At full rate the cars draw millions of numbers per second, and the system generator costs
/// a system call per draw. Movement needs variety, not secrecy; keys use the system generator.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in `0 ..< 1`.
    mutating func unit() -> Double {
        // The top 53 bits fill a Double's mantissa exactly.
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform draw in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }
}
