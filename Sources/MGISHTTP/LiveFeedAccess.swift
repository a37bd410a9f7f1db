import MGISLive
import Synchronization

/// What one open live feed may see, kept current while it runs.
///
/// The feed's effective filter is what the client asked for (`subscribe`) narrowed to what its
/// user may see (a patrol's own unit). Both can change while the socket is open: the client
/// subscribes again, or an administrator changes the user's role or unit. Keeping both here, under
/// one lock, lets the reader of client messages and the session check each recompute the filter
/// without one undoing the other's narrowing.
final class LiveFeedAccess: Sendable {
    private struct State {
        var requested = FeedFilter()
        var confinement: Set<String>?
        var endReason: String?
    }

    private let state: Mutex<State>

    init(confinement: Set<String>?) {
        state = Mutex(State(confinement: confinement))
    }

    /// The filter to apply now.
    var effective: FeedFilter {
        state.withLock { $0.requested.restricted(toUnits: $0.confinement) }
    }

    /// Why the server ended the feed over its session (for the audit trail), if it did.
    var endReason: String? { state.withLock { $0.endReason } }

    /// Notes that the server ends the feed because its session changed.
    func end(_ reason: String) {
        state.withLock { $0.endReason = reason }
    }

    /// The client asked for `filter`; returns what it gets.
    func request(_ filter: FeedFilter) -> FeedFilter {
        state.withLock { state in
            state.requested = filter
            return filter.restricted(toUnits: state.confinement)
        }
    }

    /// The user's confinement is now `confinement`; returns the new effective filter when it
    /// changed, `nil` when nothing changed.
    func confine(to confinement: Set<String>?) -> FeedFilter? {
        state.withLock { state in
            guard state.confinement != confinement else { return nil }
            state.confinement = confinement
            return state.requested.restricted(toUnits: confinement)
        }
    }
}

extension Identity {
    /// The units a live feed of this identity is confined to, as feed unit ids; `nil` for all.
    var feedConfinement: Set<String>? {
        guard case .some(let own) = confinedUnit else { return nil }
        return Set(own.map { [String($0)] } ?? [])
    }
}
