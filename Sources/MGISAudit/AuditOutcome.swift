/// How an audited action ended.
public struct AuditOutcome: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Done.
    public static let ok: AuditOutcome = "ok"
    /// Refused: not authenticated, not allowed, invalid.
    public static let denied: AuditOutcome = "denied"
    /// Failed on the server's side.
    public static let error: AuditOutcome = "error"
}
