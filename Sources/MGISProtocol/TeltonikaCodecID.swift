/// The codec byte that opens Teltonika AVL data: the two codecs FMB trackers use for periodic data.
///
/// Codecs 12, 13, 14 (GPRS commands) and 16 are not carried on the MGIS port and are refused.
public enum TeltonikaCodecID: UInt8, Hashable, Sendable, CaseIterable {
    /// Codec 8: 1-byte IO ids and counts, fixed-width values only.
    case codec8 = 0x08
    /// Codec 8 Extended: 2-byte IO ids and counts, plus a group of variable-length values.
    case codec8Extended = 0x8E

    /// `true` when IO ids, counts and the event IO id are 2 bytes wide on the wire.
    public var isExtended: Bool { self == .codec8Extended }
}
