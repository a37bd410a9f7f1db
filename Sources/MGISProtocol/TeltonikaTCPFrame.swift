/// One Codec 8 / 8E AVL data packet on a TCP connection, after the IMEI handshake.
public struct TeltonikaTCPFrame: Hashable, Sendable {
    /// Bytes from the codec id to number of data 2, as the frame declared it.
    public var dataFieldLength: UInt32
    public var avl: TeltonikaAVLData
    /// CRC-16/IBM of the AVL data, as received (and verified) in the low two bytes.
    public var crc: UInt32

    public init(dataFieldLength: UInt32, avl: TeltonikaAVLData, crc: UInt32) {
        self.dataFieldLength = dataFieldLength
        self.avl = avl
        self.crc = crc
    }
}
