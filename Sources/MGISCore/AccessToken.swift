/// A bearer token's record. The token itself is never stored, only its SHA-256.
public struct AccessToken: Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// Made by a login; short-lived.
        case session
        /// Issued by an admin for a wall screen or a script; long-lived, revocable.
        case issued
    }

    public var id: Int64
    public var userID: Int64
    public var kind: Kind
    public var label: String
    public var createdMillis: Int64
    public var expiresMillis: Int64
    public var revokedMillis: Int64?

    public init(id: Int64, userID: Int64, kind: Kind, label: String, createdMillis: Int64, expiresMillis: Int64, revokedMillis: Int64?) {
        self.id = id
        self.userID = userID
        self.kind = kind
        self.label = label
        self.createdMillis = createdMillis
        self.expiresMillis = expiresMillis
        self.revokedMillis = revokedMillis
    }

    /// Whether the token may be used at `nowMillis`.
    public func isValid(at nowMillis: Int64) -> Bool {
        revokedMillis == nil && nowMillis < expiresMillis
    }
}
