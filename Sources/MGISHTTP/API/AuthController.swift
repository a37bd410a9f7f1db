import Hummingbird
import MGISCore
import MGISStore

/// Login, logout and "who am I".
struct AuthController {
    let deps: APIDependencies

    func register(on api: APIRouter) {
        api.router.post(RouterPath("/api/v1/auth/login")) { request, context in try await login(request, context) }
        api.on(.post, "/api/v1/auth/logout") { _, _, identity in
            _ = try await BlockingIO.run { try deps.store.revokeToken(id: identity.tokenID, nowMillis: WallClock.nowMillis()) }
            deps.authenticator.invalidate()
            return Response(status: .noContent)
        }
        api.on(.get, "/api/v1/me") { _, _, identity in try JSONResponse.make(UserDTO(identity.user)) }
    }

    /// Checks the password with bcrypt unless the throttle refuses the attempt first (`429`, no
    /// bcrypt); the same answer for an unknown user, a wrong password and a disabled user, so the
    /// answer tells nothing about which.
    private func login(_ request: Request, _ context: MGISRequestContext) async throws -> Response {
        let body = try await JSONBody(request, allowed: ["username", "password"])
        let name = try body.requiredString("username")
        let password = try body.requiredString("password")
        let keys = deps.throttle.keys(account: name, address: context.remoteAddress ?? "?", nowMillis: WallClock.nowMillis())
        if case .refused(let retryAfter) = deps.throttle.admit(keys, nowMillis: WallClock.nowMillis()) {
            throw APIError.tooManyLogins(retryAfterMillis: retryAfter)
        }
        // Not checked (the store or the worker pool failed) counts as no attempt at all.
        var outcome = LoginThrottle.Outcome.notChecked
        defer { deps.throttle.finished(keys, outcome, nowMillis: WallClock.nowMillis()) }
        let found = try await BlockingIO.run { try deps.store.credentials(named: name) }
        // Hash something even for unknown names, so timing does not reveal which names exist.
        let hash = found?.passwordHash ?? "$2b$11$C6UzMDM.H6dfI/f/IKxGhuQ0mO1XuWvSH0xv8GqGh7Y0hFz4VbVOe"
        // bcrypt would compare only the first 72 bytes: a longer password (one set before that
        // limit was enforced) must not log in as its prefix, nor its prefix's other extensions.
        let matches = try await deps.hasher.verify(password, hash: hash) && PasswordPolicy.mayMatch(password)
        guard let user = found?.user, matches, found?.passwordHash != nil, !user.disabled else {
            outcome = .failed
            throw APIError(.unauthorized, "invalid_credentials", "unknown user name or wrong password")
        }
        outcome = .succeeded
        let now = WallClock.nowMillis()
        let generated = TokenFactory.generate()
        let expires = now + Int64(deps.configuration.sessionHours) * 3_600_000
        _ = try await BlockingIO.run {
            try deps.store.insertToken(
                hash: generated.hash, userID: user.id, kind: .session, label: "login", nowMillis: now, expiresMillis: expires
            )
        }
        return try JSONResponse.make(LoginDTO(token: generated.token, expires: Timestamp.string(expires), user: UserDTO(user)))
    }
}

extension APIError {
    /// A login refused by the throttle before any password check.
    static func tooManyLogins(retryAfterMillis: Int64) -> APIError {
        let seconds = max(1, (retryAfterMillis + 999) / 1000)
        var error = APIError(.tooManyRequests, "too_many_attempts", "too many login attempts; try again in \(seconds) s")
        error.headers[.retryAfter] = String(seconds)
        return error
    }
}
