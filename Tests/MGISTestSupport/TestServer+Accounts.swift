public import MGISCore
import MGISStore

extension TestServer {
    /// Creates a user with `roles` (and unit) straight in the store and issues it a token.
    public func token(for name: String, roles: Set<Role>, unit: Int64? = nil, validForMillis: Int64 = 3_600_000) throws -> String {
        let user = try store.user(named: name)
            ?? store.createUser(name: name, roles: roles, passwordHash: nil, unitID: unit, nowMillis: WallClock.nowMillis())
        let generated = TokenFactory.generate()
        let now = WallClock.nowMillis()
        _ = try store.insertToken(
            hash: generated.hash, userID: user.id, kind: .issued, label: "test", nowMillis: now, expiresMillis: now + validForMillis
        )
        return generated.token
    }
}
