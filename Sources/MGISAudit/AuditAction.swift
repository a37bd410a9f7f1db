/// What an audit event records, as a dotted name. A struct rather than an enum so that new
/// actions need no change here; the constants are the ones MGIS records.
public struct AuditAction: AuditCode {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Any API request made with a token.
    public static let apiRequest: AuditAction = "api.request"
    /// A successful login.
    public static let login: AuditAction = "auth.login"
    /// A refused login (unknown user, wrong password, disabled, throttled).
    public static let loginFailed: AuditAction = "auth.login_failed"
    /// Requests refused for their credentials (a bad token, a failed or throttled login) from one
    /// client address over one interval, counted in one entry: junk cannot fill the trail.
    public static let authFailures: AuditAction = "auth.failures"
    /// A logout (the session token is revoked).
    public static let logout: AuditAction = "auth.logout"
    /// A long-lived token issued.
    public static let tokenIssue: AuditAction = "token.issue"
    /// A token revoked.
    public static let tokenRevoke: AuditAction = "token.revoke"
    /// A WebSocket live feed opened.
    public static let liveConnect: AuditAction = "live.connect"
    /// A WebSocket live feed closed; `details["reason"]` says why.
    public static let liveDisconnect: AuditAction = "live.disconnect"
    /// Users created, changed or deleted.
    public static let userCreate: AuditAction = "user.create"
    public static let userUpdate: AuditAction = "user.update"
    public static let userDelete: AuditAction = "user.delete"
    /// Units created, changed or deleted.
    public static let unitCreate: AuditAction = "unit.create"
    public static let unitUpdate: AuditAction = "unit.update"
    public static let unitDelete: AuditAction = "unit.delete"
    /// Devices registered, changed or deleted.
    public static let deviceCreate: AuditAction = "device.create"
    public static let deviceUpdate: AuditAction = "device.update"
    public static let deviceDelete: AuditAction = "device.delete"
    /// A device key generated or replaced (the key itself is never recorded).
    public static let keyChange: AuditAction = "device.key_change"
    /// Data exported (tracks, positions, the audit trail itself).
    /// Tasks: planned, edited, moved through their lifecycle, scheduled from a template.
    public static let taskCreate: AuditAction = "task.create"
    public static let taskUpdate: AuditAction = "task.update"
    public static let taskAction: AuditAction = "task.action"
    public static let taskSchedule: AuditAction = "task.schedule"
    public static let taskTemplateCreate: AuditAction = "task_template.create"
    public static let alertAcknowledge: AuditAction = "alert.acknowledge"
    /// Violations recorded, edited (or moved in status) and imported.
    public static let violationCreate: AuditAction = "violation.create"
    public static let violationUpdate: AuditAction = "violation.update"
    public static let violationImport: AuditAction = "violation.import"
    public static let dataExport: AuditAction = "data.export"
    /// A sensitive record read.
    public static let sensitiveRead: AuditAction = "record.read"
    /// The configuration mgisd started with, secrets left out.
    public static let configStartup: AuditAction = "config.startup"
    /// Datagram recording switched on or off by an admin (`PUT /api/v1/recording`).
    public static let recordingChange: AuditAction = "recording.change"
}
