import Hummingbird

/// Requires a valid token on every route behind it: `Authorization: Bearer TOKEN`, or
/// `?token=TOKEN` for browsers' WebSockets, which cannot set headers.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = MGISRequestContext
    let authenticator: TokenAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = Self.token(in: request) else { throw APIError.unauthorized }
        var context = context
        switch try authenticator.authenticate(token) {
        case .valid(let identity): context.identity = identity
        case .unknown: throw APIError.unauthorized
        case .expired: throw APIError.tokenExpired
        case .revoked: throw APIError.tokenRevoked
        }
        return try await next(request, context)
    }

    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
            return nil
        }
        return request.uri.queryParameters.get("token")
    }
}
