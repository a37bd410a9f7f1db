/// A Codec 8 / 8E datagram: the UDP channel header, the AVL packet header and the AVL data.
///
/// UDP carries no CRC; the datagram checksum and the exact length checks are all there is.
public struct TeltonikaUDPPacket: Hashable, Sendable {
    /// Bytes that follow the length field itself (equal to the datagram length - 2).
    public var length: UInt16
    /// Chosen by the tracker; echoed in the ACK.
    public var packetID: UInt16
    /// The "not usable byte" (0x01 on current firmware); kept but not checked, as the
    /// manufacturer gives it no meaning and older firmware sent 0x00.
    public var unused: UInt8
    /// The tracker's id of this AVL packet; echoed in the ACK, and reused on retransmission.
    public var avlPacketID: UInt8
    /// 15 ASCII digits.
    public var imei: String
    public var avl: TeltonikaAVLData

    public init(length: UInt16, packetID: UInt16, unused: UInt8, avlPacketID: UInt8, imei: String, avl: TeltonikaAVLData) {
        self.length = length
        self.packetID = packetID
        self.unused = unused
        self.avlPacketID = avlPacketID
        self.imei = imei
        self.avl = avl
    }
}
