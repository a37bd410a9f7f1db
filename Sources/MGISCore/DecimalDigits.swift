/// Decimal digits written straight into a UTF-8 buffer, for the hand-written writers on hot
/// paths (live feed frames, RFC 3339 timestamps) that must not allocate a `String` per number;
/// inlinable so the feed's per-fix numbers cost no cross-module call.
public enum DecimalDigits {
    /// Appends the decimal digits of `value` to `bytes`, left-padded with zeros to `minimumDigits`.
    @inlinable
    public static func append(_ value: UInt64, minimumDigits: Int = 1, to bytes: inout [UInt8]) {
        var width = 1
        var rest = value / 10
        while rest != 0 {
            width += 1
            rest /= 10
        }
        width = max(width, minimumDigits)
        // Reserve the zero-padded width, then fill digits from the right: no temporary buffer.
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var index = start + width
        rest = value
        repeat {
            index -= 1
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest != 0
    }
}
