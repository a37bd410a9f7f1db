import Foundation

/// Tick positions for the plots' axes.
enum AxisTicks {
    /// "Nice" ticks (1, 2 or 5 times a power of ten apart) from 0 to at least `maximum`, about
    /// `target` of them. The last tick is the axis' top.
    static func linear(upTo maximum: Double, target: Int = 5) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let rough = maximum / Double(target)
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let count = Int((maximum / step).rounded(.up))
        return (0...count).map { Double($0) * step }
    }

    /// Decades from 10^low to 10^high.
    static func decades(from low: Int, to high: Int) -> [Int] {
        Array(low...high)
    }

    /// A decade of microseconds as a label: `1 µs`, `10 ms`, `1 s`.
    static func decadeLabel(_ exponent: Int) -> String {
        HTMLText.duration(micros: Int64(pow(10, Double(exponent)))).replacingOccurrences(of: ".00", with: "")
    }

    /// A tick value without needless decimals.
    static func label(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : HTMLText.fixed(value, 1)
    }
}
