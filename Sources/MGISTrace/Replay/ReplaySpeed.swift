/// How fast a replay runs relative to the recording: a ratio, or as fast as possible.
///
/// A ratio of integers rather than a `Double` so scaled offsets are exact: at 10x, a datagram
/// recorded 1 234 560 µs in is sent 123 456 µs in, not 123 455.99... rounded somewhere.
public struct ReplaySpeed: Hashable, Sendable, CustomStringConvertible {
    /// Speed as `numerator / denominator` times real time; `nil` for unlimited.
    public let ratio: (numerator: Int64, denominator: Int64)?

    /// `numerator / denominator` times real time; both positive. `ReplaySpeed(numerator: 1,
    /// denominator: 2)` replays at half speed.
    public init(numerator: Int64, denominator: Int64 = 1) {
        precondition(numerator > 0 && denominator > 0, "a replay speed is a positive ratio")
        self.ratio = (numerator, denominator)
    }

    private init(unlimited: Void) {
        self.ratio = nil
    }

    /// The recording's own pace.
    public static let realTime = ReplaySpeed(numerator: 1)
    /// Every datagram at offset 0: the driver sends them back to back, in order, as fast as
    /// the socket takes them.
    public static let unlimited = ReplaySpeed(unlimited: ())

    /// `factor` times faster than recorded.
    public static func times(_ factor: Int64) -> ReplaySpeed {
        ReplaySpeed(numerator: factor)
    }

    /// `micros` of the recording as replay time: floor(micros x d / n), computed in 128 bits so
    /// it cannot overflow on the way.
    public func scale(_ micros: Int64) -> Int64 {
        guard let ratio else { return 0 }
        let product = micros.multipliedFullWidth(by: ratio.denominator)
        var quotient = ratio.numerator.dividingFullWidth(product)
        // dividingFullWidth truncates towards zero; replay offsets floor.
        if quotient.remainder < 0 { quotient.quotient -= 1 }
        return quotient.quotient
    }

    public var description: String {
        guard let ratio else { return "unlimited" }
        return ratio.denominator == 1 ? "\(ratio.numerator)x" : "\(ratio.numerator)/\(ratio.denominator)x"
    }

    public static func == (lhs: ReplaySpeed, rhs: ReplaySpeed) -> Bool {
        switch (lhs.ratio, rhs.ratio) {
        case (nil, nil): true
        case let (left?, right?): left.numerator * right.denominator == right.numerator * left.denominator
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        guard let ratio else { return hasher.combine(0 as Int64) }
        let divisor = Self.gcd(ratio.numerator, ratio.denominator)
        hasher.combine(ratio.numerator / divisor)
        hasher.combine(ratio.denominator / divisor)
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        b == 0 ? a : gcd(b, a % b)
    }
}
