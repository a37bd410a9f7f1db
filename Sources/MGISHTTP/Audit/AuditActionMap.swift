import HTTPTypes
import MGISAudit

/// The audit action that names what a route does; everything else is `api.request`.
enum AuditActionMap {
    static func action(for route: APIRoute, status: Int) -> AuditAction {
        switch (route.method, route.path) {
        case (.post, "/api/v1/auth/login"): return (200..<300).contains(status) ? .login : .loginFailed
        case (.post, "/api/v1/auth/logout"): return .logout
        case (.post, "/api/v1/tokens"): return .tokenIssue
        case (.delete, "/api/v1/tokens/{id}"): return .tokenRevoke
        case (.post, "/api/v1/users"): return .userCreate
        case (.patch, "/api/v1/users/{id}"): return .userUpdate
        case (.post, "/api/v1/units"): return .unitCreate
        case (.patch, "/api/v1/units/{id}"): return .unitUpdate
        case (.delete, "/api/v1/units/{id}"): return .unitDelete
        case (.post, "/api/v1/devices"): return .deviceCreate
        case (.patch, "/api/v1/devices/{id}"): return .deviceUpdate
        case (.post, "/api/v1/tasks"): return .taskCreate
        case (.put, "/api/v1/tasks/{id}"): return .taskUpdate
        case (.post, "/api/v1/tasks/{id}/actions"): return .taskAction
        case (.post, "/api/v1/task-templates"): return .taskTemplateCreate
        case (.post, "/api/v1/task-templates/{id}/schedule"): return .taskSchedule
        case (.post, "/api/v1/alerts/{id}/acknowledge"): return .alertAcknowledge
        case (.get, "/api/v1/violations"), (.get, "/api/v1/violations/{id}"), (.get, "/api/v1/violations/{id}/versions"): return .sensitiveRead
        case (.post, "/api/v1/violations"): return .violationCreate
        case (.patch, "/api/v1/violations/{id}"): return .violationUpdate
        case (.post, "/api/v1/violations/import"): return .violationImport
        case (.post, "/api/v1/violations/analysis/plan"): return .taskCreate
        case (.get, "/api/v1/tasks/{id}/timeline"): return .sensitiveRead
        case (.get, "/api/v1/units/{id}/track"): return .sensitiveRead
        case (.get, "/api/v1/audit"): return .sensitiveRead
        case (.put, "/api/v1/recording"): return .recordingChange
        default: return .apiRequest
        }
    }
}
