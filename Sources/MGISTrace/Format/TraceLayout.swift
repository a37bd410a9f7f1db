/// Sizes and constants of the trace file format, as docs/TRACE.md fixes them.
public enum TraceLayout {
    /// "MGTR".
    public static let magic: [UInt8] = Array("MGTR".utf8)
    /// The only version this code writes and reads.
    public static let version: UInt8 = 1
    /// magic(4) version(1) flags(1) start(8) segment(2) label length(2).
    public static let fixedHeaderLength = 18
    /// The header's trailing CRC-32.
    public static let crcLength = 4
    /// Labels longer than this are refused when writing and reading.
    public static let maxLabelLength = 4096
    /// The largest UDP payload over IPv4, which also bounds what a listener can receive.
    public static let maxPayloadLength = 65_507
    /// The largest record body: a 10-byte varint, kind, the longest address (1 + 16 + 2),
    /// payload length and payload. A length field above this is corruption, not a record.
    public static let maxBodyLength = 10 + 1 + 19 + 2 + maxPayloadLength
    /// A record's length field.
    public static let lengthFieldLength = 4

    /// Address family bytes.
    static let familyUnspecified: UInt8 = 0
    static let familyIPv4: UInt8 = 4
    static let familyIPv6: UInt8 = 6
}
