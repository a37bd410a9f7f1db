public import MGISCore

/// Who is making a request: the user behind a valid token.
public struct Identity: Sendable, Hashable {
    public var user: User
    public var tokenID: Int64
    public var tokenKind: AccessToken.Kind

    public init(user: User, tokenID: Int64, tokenKind: AccessToken.Kind) {
        self.user = user
        self.tokenID = tokenID
        self.tokenKind = tokenKind
    }

    public func has(_ role: Role) -> Bool { user.roles.contains(role) }

    /// Whether any of `roles` is held.
    public func hasAny(_ roles: Set<Role>) -> Bool { !user.roles.isDisjoint(with: roles) }

    /// The only unit this identity may see, when it is confined to one: a patrol user who holds
    /// no wider role. `nil` means all units.
    public var confinedUnit: Int64?? {
        let wider: Set<Role> = [.admin, .dispatcher, .analyst, .auditor, .display]
        guard has(.patrol), user.roles.isDisjoint(with: wider) else { return .none }
        return .some(user.unitID)
    }
}
