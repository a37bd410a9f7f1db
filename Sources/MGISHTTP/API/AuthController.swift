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

    /// Checks the password with bcrypt after the throttle's delay; the same answer for an unknown
    /// user, a wrong password and a disabled user, so the answer tells nothing about which.
    private func login(_ request: Request, _ context: MGISRequestContext) async throws -> Response {
        let body = try await JSONBody(request, allowed: ["username", "password"])
        let name = try body.requiredString("username")
        let password = try body.requiredString("password")
        let address = context.remoteAddress ?? "?"
        let keys = ["user:" + name, "addr:" + address]
        let delay = deps.throttle.delay(keys: keys, nowMillis: WallClock.nowMillis())
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
        let found = try await BlockingIO.run { try deps.store.credentials(named: name) }
        // Hash something even for unknown names, so timing does not reveal which names exist.
        let hash = found?.passwordHash ?? "$2b$11$C6UzMDM.H6dfI/f/IKxGhuQ0mO1XuWvSH0xv8GqGh7Y0hFz4VbVOe"
        let matches = try await deps.hasher.verify(password, hash: hash)
        guard let user = found?.user, matches, found?.passwordHash != nil, !user.disabled else {
            deps.throttle.failed(keys: keys, nowMillis: WallClock.nowMillis())
            throw APIError(.unauthorized, "invalid_credentials", "unknown user name or wrong password")
        }
        deps.throttle.succeeded(keys: keys)
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
