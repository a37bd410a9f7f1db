import Synchronization

/// The ids of the records a request's handler returned, for the request's audit event: a list
/// of violations read is recorded with the ids of the violations it showed, not only its route.
///
/// A reference in the request context, because the handler runs after the audit middleware
/// took its copy of the context.
public final class AuditReadObjects: Sendable {
    /// Ids recorded per event at most; the event's details carry the full count.
    static let maxRecorded = 1000

    private let state = Mutex<(ids: [String], count: Int)>(([], 0))

    public init() {}

    func note(_ ids: some Sequence<String>) {
        state.withLock { state in
            for id in ids {
                state.count += 1
                if state.ids.count < Self.maxRecorded { state.ids.append(id) }
            }
        }
    }

    var recorded: (ids: [String], count: Int) { state.withLock { $0 } }
}
