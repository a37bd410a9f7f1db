import Synchronization

/// The ids of the records a request's handler returned, for the request's audit event: a list
/// of violations read is recorded with the ids of the violations it showed, not only its route.
///
/// A reference in the request context, because the handler runs after the audit middleware
/// took its copy of the context.
public final class AuditReadObjects: Sendable {
    /// Ids recorded per event at most; the event's details carry the full count.
    static let maxRecorded = 1000

    private struct State {
        var ids: [String] = []
        var count = 0
        /// What a change acted on beyond the route's own ids (the user a token is for).
        var targets: [String] = []
        var details: [String: String] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    func note(_ ids: some Sequence<String>) {
        state.withLock { state in
            for id in ids {
                state.count += 1
                if state.ids.count < Self.maxRecorded { state.ids.append(id) }
            }
        }
    }

    /// Names what a change acted on (`user:7`), and details that are not secret (`file`), for
    /// the request's audit event: the route alone does not say whom a token was issued for.
    func target(_ ids: [String], details: [String: String] = [:]) {
        state.withLock { state in
            state.targets += ids
            state.details.merge(details) { _, new in new }
        }
    }

    var recorded: (ids: [String], count: Int) { state.withLock { ($0.ids, $0.count) } }

    var targets: (ids: [String], details: [String: String]) { state.withLock { ($0.targets, $0.details) } }
}
