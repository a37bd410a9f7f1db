/// The kind byte of an MTP/1 datagram (offset 3).
public enum MTPKind: UInt8, Hashable, Sendable {
    /// Tracker to server: 1 ... 50 position records.
    case positions = 0x01
    /// Tracker to server: alive, no fix, no records.
    case heartbeat = 0x02
    /// Server to tracker: acknowledgement of one datagram.
    case ack = 0x81
}

/// The status byte of an ACK (offset 12).
public enum MTPAckStatus: UInt8, Hashable, Sendable {
    /// Every record is durably stored.
    case stored = 0
    /// Already stored earlier; nothing stored twice.
    case duplicate = 1
    /// Authentic and well-formed, but its records are unacceptable; nothing stored.
    case refused = 2
}
