import Hummingbird
import MGISCore
import MGISStore

/// Long-lived tokens for wall displays and scripts, for admins.
struct TokenController {
    let deps: APIDependencies

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/tokens") { request, _, _ in
            var user: Int64? = nil
            if let text = request.uri.queryParameters.get("user") {
                guard let id = Int64(text) else { throw APIError.invalidField("user", "must be a user id") }
                user = id
            }
            let tokens = try await BlockingIO.run { [user] in try deps.store.tokens(userID: user) }
            return try JSONResponse.make(ListDTO(items: tokens.map { TokenDTO($0) }))
        }
        api.on(.post, "/api/v1/tokens") { request, context, _ in
            let body = try await JSONBody(request, allowed: ["user", "label", "days"])
            guard let userID = try body.int("user") else { throw APIError.invalidField("user", "is required: a user id") }
            let label = try body.string("label") ?? ""
            guard label.count <= 100 else { throw APIError.invalidField("label", "must have at most 100 characters") }
            let days = try body.int("days") ?? 365
            guard (1...3650).contains(days) else { throw APIError.invalidField("days", "must be 1 to 3650") }
            // The audit event names whom the token is for: an admin may mint one for anyone.
            context.readObjects.target(["user:\(userID)"])
            guard let user = try await BlockingIO.run({ try deps.store.user(id: userID) }), !user.disabled else {
                throw APIError.notFound("active user \(userID)")
            }
            let now = WallClock.nowMillis()
            let generated = TokenFactory.generate()
            let token = try await BlockingIO.run {
                try deps.store.insertToken(
                    hash: generated.hash, userID: user.id, kind: .issued, label: label, nowMillis: now, expiresMillis: now + days * 86_400_000
                )
            }
            context.readObjects.target(["token:\(token.id)"], details: ["for_user": user.name])
            return try JSONResponse.make(TokenDTO(token, value: generated.token), status: .created)
        }
        api.on(.delete, "/api/v1/tokens/{id}") { _, context, _ in
            let id = try context.id(what: "token")
            guard try await BlockingIO.run({ try deps.store.revokeToken(id: id, nowMillis: WallClock.nowMillis()) }) else {
                throw APIError.notFound("active token \(id)")
            }
            deps.authenticator.invalidate()
            return Response(status: .noContent)
        }
    }
}
