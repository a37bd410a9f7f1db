

/// What `/healthz` answers: whether mgisd can do its job, and a few numbers that say so.
public struct HealthReport: Codable, Sendable {
    public var status: String
    public var store: String
    /// "ok", or why the audit trail cannot be written (then changes are refused).
    public var audit: String
    /// "ok: ... free, ... reserved", or "below reserve: ...; changes are refused until space returns".
    public var disk: String
    public var devices: Int
    public var liveUnits: Int
    public var version: String

    public init(status: String, store: String, audit: String, disk: String, devices: Int, liveUnits: Int, version: String) {
        self.status = status
        self.store = store
        self.audit = audit
        self.disk = disk
        self.devices = devices
        self.liveUnits = liveUnits
        self.version = version
    }
}
