/// Where a violation is in its life: recorded by the patrol, confirmed by a supervisor, closed.
///
/// Allowed moves are `recorded → confirmed → closed` and `recorded → closed` (e.g. a duplicate
/// or an error closed without confirmation). Nothing leaves `closed`, and nothing goes back.
public enum ViolationStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case recorded
    case confirmed
    case closed

    /// Whether a violation may move from `self` to `next`.
    public func canMove(to next: ViolationStatus) -> Bool {
        switch (self, next) {
        case (.recorded, .confirmed), (.recorded, .closed), (.confirmed, .closed): true
        default: false
        }
    }

    /// Why the move from `self` to `next` is refused, or `nil` when it is allowed.
    public func refusal(movingTo next: ViolationStatus) -> String? {
        if canMove(to: next) { return nil }
        if self == next { return "the violation is already \(rawValue)" }
        if self == .closed { return "a closed violation cannot be reopened or changed to \(next.rawValue)" }
        return "a \(rawValue) violation cannot go back to \(next.rawValue); allowed: recorded → confirmed → closed, recorded → closed"
    }
}
