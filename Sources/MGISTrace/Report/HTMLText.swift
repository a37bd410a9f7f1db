import Foundation

/// Escaping and number formatting for the report page, independent of the host's locale.
enum HTMLText {
    /// `text` safe inside element content and double-quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        // By scalar, not by Character: `"` followed by a combining mark is one Character that
        // is not `"`, and went out unescaped (the CSV writer had the same flaw, found by fuzzing).
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `value` with `digits` decimals and a dot, whatever the locale.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value.isFinite ? value : 0)
    }

    /// A latency for people: `850 µs`, `3.49 ms`, `1.20 s`.
    static func duration(micros: Int64) -> String {
        switch micros {
        case ..<1_000: "\(micros) µs"
        case ..<1_000_000: fixed(Double(micros) / 1_000, 2) + " ms"
        default: fixed(Double(micros) / 1_000_000, 2) + " s"
        }
    }
}
