/// The value of one IO element, in the width the tracker sent it.
///
/// The width is kept because it is what identifies the wire group (N1, N2, N4, N8, NX) an
/// element belongs to; re-encoding must put it back in the same group.
public enum TeltonikaIOValue: Hashable, Sendable {
    /// N1 group: 1-byte value.
    case uint8(UInt8)
    /// N2 group: 2-byte value.
    case uint16(UInt16)
    /// N4 group: 4-byte value.
    case uint32(UInt32)
    /// N8 group: 8-byte value.
    case uint64(UInt64)
    /// A variable-length value (Codec 8 Extended NX group only), e.g. a BLE beacon list or ICCID.
    case bytes([UInt8])

    /// The value as an unsigned integer; `nil` for variable-length bytes.
    ///
    /// Whether a given IO id is signed is per-id knowledge (AVL ID list); callers that need a
    /// signed reading convert with `Int16(bitPattern:)` and friends on the width they expect.
    public var unsignedValue: UInt64? {
        switch self {
        case .uint8(let value): UInt64(value)
        case .uint16(let value): UInt64(value)
        case .uint32(let value): UInt64(value)
        case .uint64(let value): value
        case .bytes: nil
        }
    }

    /// Bytes the value takes on the wire, without id and (for NX) length prefix.
    public var wireWidth: Int {
        switch self {
        case .uint8: 1
        case .uint16: 2
        case .uint32: 4
        case .uint64: 8
        case .bytes(let bytes): bytes.count
        }
    }
}
