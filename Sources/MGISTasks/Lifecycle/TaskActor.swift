/// Who applies a lifecycle command. The kind decides what they may do (see `TaskLifecycle`);
/// the user id goes into the history.
public struct TaskActor: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable, Codable {
        /// A dispatcher (or admin acting as one): plans, sends and supervises tasks.
        case dispatcher
        /// An officer of a patrol unit: acts only on tasks assigned to that unit.
        case patrol(unitID: Int64)
        /// The server itself, acting on monitoring (GPS) evidence.
        case system
    }

    public var userID: Int64
    public var kind: Kind

    public init(userID: Int64, kind: Kind) {
        self.userID = userID
        self.kind = kind
    }

    public static func dispatcher(userID: Int64) -> TaskActor {
        TaskActor(userID: userID, kind: .dispatcher)
    }

    public static func patrol(userID: Int64, unitID: Int64) -> TaskActor {
        TaskActor(userID: userID, kind: .patrol(unitID: unitID))
    }

    /// The server; user id 0 is reserved for it in history entries.
    public static let system = TaskActor(userID: 0, kind: .system)
}
