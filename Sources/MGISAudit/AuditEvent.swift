public import MGISCore

/// One thing that happened, as the audit trail records it. Never put secrets in it (passwords,
/// tokens, device keys): values under the keys of `AuditEvent.redactedKeys` in `query` and
/// `details` are replaced by `"[redacted]"` when the event is encoded.
///
/// `Codable` gives the ordinary JSON form for APIs; the bytes that are hashed into the tree are
/// `canonicalBytes()`, whose format is fixed and documented there.
public struct AuditEvent: Sendable, Codable, Hashable {
    /// When it happened, milliseconds since the Unix epoch.
    public var time: Int64
    /// The user's login name; `nil` for anonymous requests and system events.
    public var actor: String?
    /// The user's id.
    public var actorID: Int64?
    /// The user's roles, sorted.
    public var roles: [String]
    /// What happened, e.g. `api.request` or `auth.login_failed`.
    public var action: AuditAction
    /// The HTTP method, for requests.
    public var method: String?
    /// The route pattern (`/api/v1/units/{id}`), not the raw path: ids go in `objectIDs`.
    public var route: String?
    /// The objects concerned, as `kind:id` (`device:42`, `user:7`), in a meaningful order.
    public var objectIDs: [String]
    /// Query filters of the request (time ranges, bounding boxes), never tokens.
    public var query: [String: String]
    /// The HTTP status sent.
    public var status: Int?
    /// How long handling took.
    public var durationMillis: Int?
    /// The peer, `address:port`.
    public var clientAddress: String?
    /// Whether it succeeded, was refused, or failed.
    public var outcome: AuditOutcome
    /// Anything else worth keeping: changed fields, a token's label, a configuration value.
    public var details: [String: String]

    /// - Parameters:
    ///   - time: milliseconds since the Unix epoch; now by default.
    ///   - roles: the actor's roles; sorted here so that equal events encode equally.
    public init(
        time: Int64 = WallClock.nowMillis(),
        actor: String? = nil,
        actorID: Int64? = nil,
        roles: [String] = [],
        action: AuditAction,
        method: String? = nil,
        route: String? = nil,
        objectIDs: [String] = [],
        query: [String: String] = [:],
        status: Int? = nil,
        durationMillis: Int? = nil,
        clientAddress: String? = nil,
        outcome: AuditOutcome = .ok,
        details: [String: String] = [:]
    ) {
        self.time = time
        self.actor = actor
        self.actorID = actorID
        self.roles = roles.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        self.action = action
        self.method = method
        self.route = route
        self.objectIDs = objectIDs
        self.query = query
        self.status = status
        self.durationMillis = durationMillis
        self.clientAddress = clientAddress
        self.outcome = outcome
        self.details = details
    }

    /// Keys of `query` and `details` whose values are never stored (compared case-insensitively).
    /// `token` is here because browsers pass the bearer token as `?token=` on WebSockets.
    public static let redactedKeys: Set<String> = [
        "token", "access_token", "password", "new_password", "secret", "key", "authorization",
    ]
}
