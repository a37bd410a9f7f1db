/// Which entries to list, newest first. Unset fields do not filter; set ones must all match.
public struct AuditFilter: Sendable, Hashable {
    /// The user's login name.
    public var actor: String?
    public var action: AuditAction?
    /// The route pattern, e.g. `/api/v1/devices/{id}`.
    public var route: String?
    /// Entries whose `objectIDs` contain this one.
    public var objectID: String?
    public var status: Int?
    public var outcome: AuditOutcome?
    /// Event time at or after this, milliseconds since the Unix epoch.
    public var fromMillis: Int64?
    /// Event time at or before this.
    public var toMillis: Int64?
    /// Only entries with a smaller index: pass the last index of one page to get the next.
    public var beforeIndex: Int?
    /// At most this many entries.
    public var limit: Int

    /// - Parameter limit: page size, 100 by default.
    public init(
        actor: String? = nil,
        action: AuditAction? = nil,
        route: String? = nil,
        objectID: String? = nil,
        status: Int? = nil,
        outcome: AuditOutcome? = nil,
        fromMillis: Int64? = nil,
        toMillis: Int64? = nil,
        beforeIndex: Int? = nil,
        limit: Int = 100
    ) {
        self.actor = actor
        self.action = action
        self.route = route
        self.objectID = objectID
        self.status = status
        self.outcome = outcome
        self.fromMillis = fromMillis
        self.toMillis = toMillis
        self.beforeIndex = beforeIndex
        self.limit = limit
    }
}
