public import HTTPTypes
public import MGISCore

/// One route of the API: its method, path (OpenAPI style, `{id}` for parameters) and who may
/// call it. The list below is the single source of truth: the router is built from it, the
/// OpenAPI test checks it against the document, and the role test walks it.
public struct APIRoute: Sendable, Hashable {
    public let method: HTTPRequest.Method
    public let path: String
    /// `nil`: public. Empty: any authenticated user. Otherwise: any of these roles.
    public let roles: Set<Role>?
    /// Patrol users may call it, confined to their own unit.
    public let patrolOwnUnit: Bool
    public let summary: String

    init(_ method: HTTPRequest.Method, _ path: String, roles: Set<Role>?, patrolOwnUnit: Bool = false, _ summary: String) {
        self.method = method
        self.path = path
        self.roles = roles
        self.patrolOwnUnit = patrolOwnUnit
        self.summary = summary
    }

    /// Creating and acting POSTs take an `Idempotency-Key`. Not the login and logout, nor the routes
    /// whose request or answer holds a secret (a password; an issued token, a device key shown
    /// once): the answer would be kept to be replayed, and the request's digest kept beside it.
    public var takesIdempotencyKey: Bool {
        method == .post && roles != nil && !path.hasPrefix("/api/v1/auth/") && !Self.holdingSecrets.contains(path)
    }

    static let holdingSecrets: Set<String> = ["/api/v1/tokens", "/api/v1/devices", "/api/v1/users"]

    /// The largest request body the route takes.
    var maxBodyBytes: Int {
        path == "/api/v1/violations/import" ? ViolationController.maxImportBytes : JSONBody.maxBytes
    }

    /// Whether `identity` may call this route at all (object-level checks come later).
    public func allows(_ identity: Identity) -> Bool {
        guard let roles else { return true }
        if roles.isEmpty { return true }
        if identity.hasAny(roles) { return true }
        return patrolOwnUnit && identity.has(.patrol)
    }
}

extension APIRoute {
    static let readUnits: Set<Role> = [.admin, .dispatcher, .analyst, .auditor, .display]
    static let watchers: Set<Role> = [.admin, .dispatcher, .analyst, .display]
    static let taskReaders: Set<Role> = [.dispatcher, .analyst, .auditor]
    static let violationReaders: Set<Role> = [.analyst, .dispatcher, .auditor]
    static let analysts: Set<Role> = [.analyst, .dispatcher]

    /// Every route of `/api/v1`, `/metrics` and the public endpoints.
    public static let all: [APIRoute] = [
        APIRoute(.post, "/api/v1/auth/login", roles: nil, "Log in with name and password; returns a session token"),
        APIRoute(.post, "/api/v1/auth/logout", roles: [], "Revoke the token of this request"),
        APIRoute(.get, "/api/v1/me", roles: [], "The calling user"),
        APIRoute(.get, "/api/v1/users", roles: [.admin], "List users"),
        APIRoute(.post, "/api/v1/users", roles: [.admin], "Create a user"),
        APIRoute(.get, "/api/v1/users/{id}", roles: [.admin], "One user"),
        APIRoute(.patch, "/api/v1/users/{id}", roles: [.admin], "Change roles, unit, password or disable a user"),
        APIRoute(.get, "/api/v1/tokens", roles: [.admin], "List issued and session tokens (never their values)"),
        APIRoute(.post, "/api/v1/tokens", roles: [.admin], "Issue a long-lived token, e.g. for a wall display"),
        APIRoute(.delete, "/api/v1/tokens/{id}", roles: [.admin], "Revoke a token"),
        APIRoute(.get, "/api/v1/units", roles: readUnits, patrolOwnUnit: true, "List units (a patrol sees its own)"),
        APIRoute(.post, "/api/v1/units", roles: [.admin], "Create a unit"),
        APIRoute(.get, "/api/v1/units/{id}", roles: readUnits, patrolOwnUnit: true, "One unit"),
        APIRoute(.patch, "/api/v1/units/{id}", roles: [.admin], "Change a unit"),
        APIRoute(.delete, "/api/v1/units/{id}", roles: [.admin], "Delete a unit"),
        APIRoute(
            .get, "/api/v1/units/{id}/track", roles: [.admin, .dispatcher, .analyst], patrolOwnUnit: true,
            "A unit's positions in a time range as GeoJSON"
        ),
        APIRoute(.get, "/api/v1/devices", roles: [.admin, .dispatcher], "List trackers"),
        APIRoute(.post, "/api/v1/devices", roles: [.admin], "Register a tracker; returns its key once"),
        // Listed before `/api/v1/devices/{id}`: the audit trail's matcher (`APIRoute.match`) takes the
        // first route of the method that fits, so a `{id}` route of GET added later cannot shadow it.
        APIRoute(.get, "/api/v1/devices/unknown", roles: [.admin], "Unregistered Teltonika IMEIs that sent packets, most recently seen first"),
        APIRoute(.patch, "/api/v1/devices/{id}", roles: [.admin], "Rename, enable/disable or assign a tracker"),
        APIRoute(.get, "/api/v1/tasks", roles: taskReaders, patrolOwnUnit: true, "List tasks (filters: state, unit, from, to; a patrol sees its unit's)"),
        APIRoute(.post, "/api/v1/tasks", roles: [.dispatcher], "Create a task (a draft)"),
        APIRoute(.get, "/api/v1/tasks/{id}", roles: taskReaders, patrolOwnUnit: true, "One task, with its history, result and GPS monitoring"),
        APIRoute(.put, "/api/v1/tasks/{id}", roles: [.dispatcher], "Edit a task's plan (If-Match: its ETag)"),
        APIRoute(
            .post, "/api/v1/tasks/{id}/actions", roles: [.dispatcher], patrolOwnUnit: true,
            "A lifecycle step: dispatch, acknowledge, en_route, on_scene, complete (with the result), fail, cancel, redispatch"
        ),
        APIRoute(.get, "/api/v1/tasks/{id}/timeline", roles: taskReaders, patrolOwnUnit: true, "A task's states, arrivals, departures, alerts and tracks"),
        APIRoute(.get, "/api/v1/alerts", roles: taskReaders, patrolOwnUnit: true, "Alerts from task monitoring and panic buttons"),
        APIRoute(.post, "/api/v1/alerts/{id}/acknowledge", roles: [.dispatcher], "Acknowledge an alert"),
        APIRoute(.get, "/api/v1/task-templates", roles: [.dispatcher, .analyst], "Templates for recurring tasks"),
        APIRoute(.post, "/api/v1/task-templates", roles: [.dispatcher], "Create a template"),
        APIRoute(.post, "/api/v1/task-templates/{id}/schedule", roles: [.dispatcher], "Create draft tasks from a template's recurrence in a range"),
        APIRoute(.get, "/api/v1/reports/units", roles: taskReaders, "Per-unit shift report: tasks done, on-time rate, time on scene, distance (JSON or CSV)"),
        APIRoute(.get, "/api/v1/violation-types", roles: violationReaders, patrolOwnUnit: true, "The violation types in use"),
        APIRoute(.get, "/api/v1/violations", roles: violationReaders, patrolOwnUnit: true, "List violations (filters; every record returned is an audited read)"),
        APIRoute(.post, "/api/v1/violations", roles: [.analyst, .dispatcher], patrolOwnUnit: true, "Record a violation (a patrol on the spot, for its unit)"),
        APIRoute(.get, "/api/v1/violations/{id}", roles: violationReaders, patrolOwnUnit: true, "One violation (an audited read)"),
        APIRoute(.get, "/api/v1/violations/{id}/versions", roles: violationReaders, "Every version of a violation, oldest first (an audited read)"),
        APIRoute(.patch, "/api/v1/violations/{id}", roles: [.analyst, .dispatcher], "Edit a violation or move its status (If-Match: its ETag)"),
        APIRoute(.post, "/api/v1/violations/import", roles: [.analyst], "Import violations from CSV or GeoJSON: all rows or none"),
        APIRoute(.get, "/api/v1/violations/analysis/grid", roles: analysts, "Violation counts on a grid (GeoJSON or CSV)"),
        APIRoute(.get, "/api/v1/violations/analysis/density", roles: analysts, "Kernel density surface on a grid (GeoJSON or CSV)"),
        APIRoute(.get, "/api/v1/violations/analysis/hotspots", roles: analysts, "Getis-Ord Gi* hotspots on a grid, FDR-corrected (GeoJSON or CSV)"),
        APIRoute(.get, "/api/v1/violations/analysis/clusters", roles: analysts, "DBSCAN clusters (GeoJSON or CSV)"),
        APIRoute(.get, "/api/v1/violations/analysis/time", roles: analysts, "Hour-of-day x day-of-week matrix"),
        APIRoute(.get, "/api/v1/violations/analysis/trends", roles: analysts, "Weekly or monthly trends per type with change vs the previous period"),
        APIRoute(.get, "/api/v1/violations/analysis/effort", roles: analysts, "Patrol hours per cell from stored tracks, and violations per patrol-hour"),
        APIRoute(.post, "/api/v1/violations/analysis/plan", roles: analysts, "A draft task planned from a hotspot and the busiest hours"),
        APIRoute(.get, "/api/v1/audit", roles: [.auditor], "Search the audit trail (JSON, or CSV with format=csv)"),
        APIRoute(.get, "/api/v1/audit/status", roles: [.auditor], "Entries, health and the latest signed checkpoint's verification"),
        APIRoute(.get, "/api/v1/live", roles: watchers, patrolOwnUnit: true, "Live positions over WebSocket"),
        APIRoute(.get, "/api/v1/recording", roles: [.admin], "Whether the UDP ports are being recorded to a trace, where, and the counts"),
        APIRoute(.put, "/api/v1/recording", roles: [.admin], "Start recording the UDP ports to a trace file, or stop"),
        APIRoute(.get, "/metrics", roles: [.admin], "Prometheus metrics"),
        APIRoute(.get, "/healthz", roles: nil, "Health"),
        APIRoute(.get, "/api/openapi.json", roles: nil, "This API's OpenAPI 3.1 document"),
        APIRoute(.get, "/map-config.json", roles: nil, "The basemap the pages draw (tile URL or none)"),
        APIRoute(.get, "/tiles/{z}/{x}/{y}", roles: nil, "A basemap tile from the configured MBTiles file (only with --tiles FILE.mbtiles)"),
    ]
}
