import MGISProtocol

/// What the TCP framing hands to a connection's async loop, in stream order.
enum TeltonikaTCPMessage: Sendable {
    /// The IMEI handshake, always the first message of a connection.
    case imei(String)
    /// An AVL frame whose CRC matched and whose AVL data decoded, with its duplicate tag
    /// (the first 8 bytes of the SHA-256 of the AVL data, as on UDP).
    case frame(TeltonikaAVLData, tag: UInt64)
    /// A complete frame that was refused (CRC mismatch or malformed AVL data). The stream is still
    /// in step, so the connection goes on; the frame gets no reply and the tracker resends it.
    case refused(TeltonikaError)
}
