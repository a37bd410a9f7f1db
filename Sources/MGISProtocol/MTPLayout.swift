/// Sizes and offsets of MTP/1, as fixed by PROTOCOL.md.
public enum MTPLayout {
    public static let magic: UInt16 = 0x4D47
    public static let version: UInt8 = 1
    /// magic, version, kind, device, seq, count.
    public static let headerLength = 13
    public static let tagLength = 8
    public static let recordLength = 24
    public static let maxRecords = 50
    /// The smallest datagram: a HEARTBEAT.
    public static let minimumLength = headerLength + tagLength
    /// The largest datagram a tracker may send (50 records; PROTOCOL.md allows up to 1232 on the path).
    public static let maximumLength = headerLength + recordLength * maxRecords + tagLength
    /// An ACK is a header with a status byte in place of count, then the tag.
    public static let ackLength = 21

    /// The exact length of a datagram announcing `count` records.
    @inlinable
    public static func length(forCount count: Int) -> Int {
        headerLength + recordLength * count + tagLength
    }
}
