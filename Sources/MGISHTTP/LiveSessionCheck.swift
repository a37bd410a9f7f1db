/// What an open live feed must do after its token was checked again.
///
/// A feed is authorised once, at the upgrade, but may stay open for days. An administrator's
/// change to its user (role, unit, disabled) or a revoked token must reach it within seconds,
/// not at the next reconnect: `LiveFeedController` checks the token every
/// `HTTPLimits.liveSessionCheckMilliseconds` and acts on this verdict.
enum LiveSessionCheck: Equatable {
    /// Nothing changed that matters to the feed.
    case unchanged
    /// The user's unit confinement changed: re-filter the feed (the client gets a fresh snapshot).
    case confine(Set<String>?)
    /// The feed must end with this WebSocket close code.
    case close(code: UInt16, reason: String)

    /// Close code: the token is no longer valid (revoked, expired, or its user disabled).
    static let closeTokenInvalid: UInt16 = 4001
    /// Close code: the user's roles no longer allow the live feed.
    static let closeForbidden: UInt16 = 4003

    /// The verdict for a feed confined to `confinement` whose token now checks as `outcome`.
    static func verdict(_ outcome: TokenAuthenticator.Outcome, route: APIRoute, confinement: Set<String>?) -> LiveSessionCheck {
        guard case .valid(let identity) = outcome else {
            return .close(code: closeTokenInvalid, reason: "token no longer valid")
        }
        guard route.allows(identity) else {
            return .close(code: closeForbidden, reason: "the user's roles no longer allow the live feed")
        }
        let now = identity.feedConfinement
        return now == confinement ? .unchanged : .confine(now)
    }
}
