/// What a user may do. A user holds one or more roles.
public enum Role: String, CaseIterable, Codable, Hashable, Sendable, Comparable {
    /// Manages users, units, devices and tokens.
    case admin
    /// Plans and dispatches tasks, watches all patrols.
    case dispatcher
    /// An officer of one mobile group: sees and acts for that unit only.
    case patrol
    /// Reads violations and tracks to plan patrols.
    case analyst
    /// Reads the audit trail.
    case auditor
    /// A read-only wall screen.
    case display

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}
