/// Sizes and limits of the Teltonika UDP and TCP channels (Teltonika wiki, "Teltonika Data
/// Sending Protocols", Codec 8 and Codec 8 Extended).
public enum TeltonikaLayout {
    /// An IMEI is always 15 ASCII digits; the wiki's examples and every FMB send length 0x000F.
    public static let imeiLength = 15

    /// UDP: length(2) packet id(2) not-usable byte(1) AVL packet id(1) IMEI length(2).
    public static let udpHeaderLength = 8

    /// TCP: preamble(4) data field length(4) ... CRC(4).
    public static let tcpPrefixLength = 8
    public static let tcpCRCLength = 4

    /// The largest datagram the decoder accepts: the largest UDP payload over IPv4.
    ///
    /// The manufacturer documents no UDP maximum below what the 2-byte length field allows.
    /// A tighter cap (1280 was considered) would make a tracker whose packet is larger resend it
    /// forever without an ACK and stall its whole queue, so the cap is the transport's own.
    /// Listeners should size their receive buffers to it.
    public static let maxUDPDatagramLength = 65_507

    /// The largest AVL data (codec id ... number of data 2) accepted on either channel.
    ///
    /// The wiki gives per-model maxima well below this (512 to 1280 bytes per packet, 783 per
    /// Codec 8 record in older revisions), but real FMB TCP frames exceed them (the test vectors
    /// hold a 1061-byte one). 65 535 is what the UDP length field can carry; TCP gets the same
    /// bound so a listener buffers at most 64 KiB per connection and 255 records of any size
    /// seen in the field fit.
    public static let maxAVLDataLength = 65_535

    /// The largest TCP frame: prefix, AVL data, CRC.
    public static let maxTCPFrameLength = tcpPrefixLength + maxAVLDataLength + tcpCRCLength

    /// The handshake answer that accepts an IMEI on TCP.
    public static let imeiAccepted: [UInt8] = [0x01]
    /// The handshake answer that refuses an IMEI on TCP; the tracker then closes the connection.
    public static let imeiRefused: [UInt8] = [0x00]
}
