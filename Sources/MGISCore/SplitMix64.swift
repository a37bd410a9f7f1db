/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference code): a tiny seeded generator, so a
/// seed reproduces synthetic fleets, traces, demo data and randomized tests bit for bit on every
/// platform (the system generator cannot be seeded, and costs a system call per draw). Not for
/// keys or anything secret: those use the system generator.
///
///     state += 0x9E3779B97F4A7C15
///     z = (state ^ (state >> 30)) · 0xBF58476D1CE4E5B9
///     z = (z ^ (z >> 27)) · 0x94D049BB133111EB
///     return z ^ (z >> 31)
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in `0 ..< 1` from the top 53 bits, which fill a Double's mantissa exactly.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform draw in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// A uniform index in `0 ..< count` (`count` > 0).
    public mutating func index(_ count: Int) -> Int {
        Int(next() % UInt64(count))
    }
}
