/// Why a Teltonika datagram, frame or handshake was refused.
///
/// Like `MTPError`: a struct over a private code so new reasons do not break callers, with a
/// stable snake_case `reason` for metrics and logs.
public struct TeltonikaError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: String, Hashable, Sendable {
        case truncated
        case badLength = "bad_length"
        case trailingBytes = "trailing_bytes"
        case frameTooLarge = "frame_too_large"
        case badPreamble = "bad_preamble"
        case crcMismatch = "crc_mismatch"
        case badIMEI = "bad_imei"
        case unknownCodec = "unknown_codec"
        case noRecords = "no_records"
        case recordCountMismatch = "record_count_mismatch"
        case ioCountMismatch = "io_count_mismatch"
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The bytes end before a field that must be there.
    public static let truncated = TeltonikaError(.truncated)
    /// A length field disagrees with the bytes received (UDP length, TCP data field length,
    /// IMEI handshake length).
    public static let badLength = TeltonikaError(.badLength)
    /// The AVL data ends (number of data 2) before the length the header declared.
    public static let trailingBytes = TeltonikaError(.trailingBytes)
    /// Longer than `TeltonikaLayout.maxUDPDatagramLength` or `maxAVLDataLength`.
    public static let frameTooLarge = TeltonikaError(.frameTooLarge)
    /// A TCP frame that does not start with four zero bytes.
    public static let badPreamble = TeltonikaError(.badPreamble)
    /// The TCP frame's CRC-16/IBM does not match its AVL data, or its two high bytes are not 0.
    public static let crcMismatch = TeltonikaError(.crcMismatch)
    /// An IMEI length other than 15, or a non-digit in the IMEI.
    public static let badIMEI = TeltonikaError(.badIMEI)
    /// A codec id other than 0x08 and 0x8E.
    public static let unknownCodec = TeltonikaError(.unknownCodec)
    /// Number of data 1 is 0.
    public static let noRecords = TeltonikaError(.noRecords)
    /// Number of data 2 differs from number of data 1.
    public static let recordCountMismatch = TeltonikaError(.recordCountMismatch)
    /// A record's total IO count differs from the sum of its group counts.
    public static let ioCountMismatch = TeltonikaError(.ioCountMismatch)

    /// A stable label for metrics and logs.
    public var reason: String { code.rawValue }

    public var description: String { "Teltonika data refused: \(code.rawValue)" }
}
