/// How an audited action ended.
public struct AuditOutcome: AuditCode {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Done.
    public static let ok: AuditOutcome = "ok"
    /// Refused: not authenticated, not allowed, invalid.
    public static let denied: AuditOutcome = "denied"
    /// Failed on the server's side.
    public static let error: AuditOutcome = "error"
}
