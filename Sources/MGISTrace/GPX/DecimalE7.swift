/// Parses a decimal coordinate (`xsd:decimal`, as GPX writes lat and lon) straight into
/// degrees x 10^7, rounding half away from zero on the decimal digits themselves.
///
/// Going through `Double` would round twice: `54.68721235` is stored as 54.6872123499999..., so
/// `(x * 1e7).rounded()` gives ...123 where the text plainly says ...123.5 and MGIS rounds to
/// ...124. Exact digits keep a converted track reproducible everywhere.
enum DecimalE7 {
    static func parse(_ text: some StringProtocol) -> Int64? {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if let sign = utf8.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        let whole = utf8.prefix { (48...57).contains($0) }
        var fraction = utf8.dropFirst(whole.count)
        if fraction.first == UInt8(ascii: ".") { fraction = fraction.dropFirst() } else if !fraction.isEmpty { return nil }
        guard fraction.allSatisfy({ (48...57).contains($0) }), !(whole.isEmpty && fraction.isEmpty), whole.count <= 4 else {
            return nil
        }
        var value: Int64 = whole.reduce(0) { $0 * 10 + Int64($1 - 48) }
        let digits = Array(fraction)
        for position in 0..<7 {
            value = value * 10 + (position < digits.count ? Int64(digits[position] - 48) : 0)
        }
        if digits.count > 7, digits[7] >= UInt8(ascii: "5") { value += 1 }
        return negative ? -value : value
    }
}
