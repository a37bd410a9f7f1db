public import MGISCore

/// One authenticated datagram's fixes, as handed to the store writer.
public struct StoredDatagram: Sendable {
    public var device: DeviceID
    public var seq: UInt32
    /// The datagram's tag: with seq it tells a retransmission from new data after a seq reset.
    public var tag: UInt64
    public var receivedMillis: Int64
    public var fixes: [Fix]

    public init(device: DeviceID, seq: UInt32, tag: UInt64, receivedMillis: Int64, fixes: [Fix]) {
        self.device = device
        self.seq = seq
        self.tag = tag
        self.receivedMillis = receivedMillis
        self.fixes = fixes
    }
}
