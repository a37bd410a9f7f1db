/// The fixed 13-byte head of an MTP/1 datagram plus its trailing tag.
public struct MTPHeader: Hashable, Sendable {
    public var kind: MTPKind
    /// The raw device id; 0 is possible on the wire and is simply never registered.
    public var device: UInt32
    public var seq: UInt32
    /// Records for POSITIONS; the status byte for an ACK.
    public var count: UInt8
    /// The 8-byte tag as a big-endian integer.
    public var tag: UInt64

    public init(kind: MTPKind, device: UInt32, seq: UInt32, count: UInt8, tag: UInt64) {
        self.kind = kind
        self.device = device
        self.seq = seq
        self.count = count
        self.tag = tag
    }
}
