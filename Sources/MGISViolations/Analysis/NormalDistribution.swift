import Foundation

/// The standard normal distribution, for the p-values of z-scores.
///
/// `erfc` is computed here rather than taken from the C library so that results are the
/// same on every platform and the method is on the page:
///
/// * for 0 ≤ x < 2, erf x = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·5···(2n+1)) (Abramowitz &
///   Stegun 7.1.6), a series of positive terms without cancellation, and erfc = 1 − erf
///   (at most ~2 digits lost at x = 2, leaving ~14);
/// * for x ≥ 2, the continued fraction erfc x = (e^(−x²)/√π) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
///   (A&S 7.1.14), evaluated with the modified Lentz algorithm, accurate to a few ulps in the tail;
/// * erfc(−x) = 2 − erfc(x).
public enum NormalDistribution {
    /// The complementary error function, erfc x = (2/√π) ∫ₓ^∞ e^(−t²) dt.
    public static func erfc(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 { return 2 - erfc(-x) }
        if x < 2 { return 1 - erfSeries(x) }
        return erfcContinuedFraction(x)
    }

    /// The error function, erf x = 1 − erfc x.
    public static func erf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if abs(x) < 2 { return x < 0 ? -erfSeries(-x) : erfSeries(x) }
        return 1 - erfc(x)
    }

    /// Φ(z) = P(Z ≤ z) = erfc(−z/√2) / 2.
    public static func cdf(_ z: Double) -> Double {
        erfc(-z / 2.0.squareRoot()) / 2
    }

    /// P(|Z| ≥ |z|) = 2 (1 − Φ(|z|)) = erfc(|z|/√2), computed without subtracting from 1.
    public static func twoSidedPValue(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    private static func erfSeries(_ x: Double) -> Double {
        let x2 = x * x
        var term = x
        var sum = x
        var n = 0.0
        while term > sum * 1e-17 {
            term *= 2 * x2 / (2 * n + 3)
            sum += term
            n += 1
        }
        return 2 / Double.pi.squareRoot() * exp(-x2) * sum
    }

    private static func erfcContinuedFraction(_ x: Double) -> Double {
        let tiny = 1e-300
        var f = x
        var c = x
        var d = 0.0
        for k in 1...500 {
            let a = Double(k) / 2
            d = x + a * d
            if abs(d) < tiny { d = tiny }
            d = 1 / d
            c = x + a / c
            if abs(c) < tiny { c = tiny }
            let delta = c * d
            f *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(-x * x) / (Double.pi.squareRoot() * f)
    }
}
