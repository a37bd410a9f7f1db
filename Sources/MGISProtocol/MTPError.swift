/// Why an MTP/1 datagram was refused.
///
/// A struct over a private code so that new reasons do not break callers; `reason` is a stable
/// snake_case label used for metrics and logs.
public struct MTPError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: String, Hashable, Sendable {
        case truncated
        case badLength = "bad_length"
        case wrongMagic = "wrong_magic"
        case wrongVersion = "wrong_version"
        case wrongKind = "wrong_kind"
        case badCount = "bad_count"
        case latitudeOutOfRange = "latitude_out_of_range"
        case longitudeOutOfRange = "longitude_out_of_range"
        case headingOutOfRange = "heading_out_of_range"
        case batteryOutOfRange = "battery_out_of_range"
        case centisOutOfRange = "centis_out_of_range"
        case badTag = "bad_tag"
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// Shorter than its header, or than the records its count announces.
    public static let truncated = MTPError(.truncated)
    /// Longer than 21 + 24 x count bytes.
    public static let badLength = MTPError(.badLength)
    /// The first two bytes are not "MG".
    public static let wrongMagic = MTPError(.wrongMagic)
    /// A version other than 1.
    public static let wrongVersion = MTPError(.wrongVersion)
    /// A kind this direction does not carry.
    public static let wrongKind = MTPError(.wrongKind)
    /// A count outside 1 ... 50 for POSITIONS, or not 0 for HEARTBEAT.
    public static let badCount = MTPError(.badCount)
    public static let latitudeOutOfRange = MTPError(.latitudeOutOfRange)
    public static let longitudeOutOfRange = MTPError(.longitudeOutOfRange)
    public static let headingOutOfRange = MTPError(.headingOutOfRange)
    public static let batteryOutOfRange = MTPError(.batteryOutOfRange)
    public static let centisOutOfRange = MTPError(.centisOutOfRange)
    /// The tag is not the HMAC of the datagram under the device's key.
    public static let badTag = MTPError(.badTag)

    /// A stable label for metrics and logs.
    public var reason: String { code.rawValue }

    /// `true` for structural and range errors, `false` for authentication failures.
    public var isMalformed: Bool { code != .badTag }

    public var description: String { "MTP/1 datagram refused: \(code.rawValue)" }
}
