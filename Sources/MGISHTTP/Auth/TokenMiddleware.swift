import Hummingbird

/// Requires a valid token on every route behind it, from `Authorization: Bearer TOKEN`.
///
/// `?token=TOKEN` is honoured on the live feed only: browsers cannot set headers on a WebSocket.
/// Anywhere else a token in the address would end up in proxy logs and browser history, so it is
/// refused with a message saying where the token goes.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = MGISRequestContext
    let authenticator: TokenAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = Self.token(in: request) else {
            throw request.uri.queryParameters.get("token") == nil ? APIError.unauthorized : APIError.tokenInAddress
        }
        var context = context
        context.identity = try await Self.identity(of: token, authenticator)
        return try await next(request, context)
    }

    /// Who `token` belongs to, or the 401 that says why nobody.
    static func identity(of token: String, _ authenticator: TokenAuthenticator) async throws -> Identity {
        switch try await authenticator.authenticate(token) {
        case .valid(let identity): identity
        case .unknown: throw APIError.unauthorized
        case .expired: throw APIError.tokenExpired
        case .revoked: throw APIError.tokenRevoked
        }
    }

    /// The one path that takes its token from the address.
    static let queryTokenPath = "/api/v1/live"

    /// The request's token: the bearer header, or `?token=` on the live feed.
    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
            return nil
        }
        guard request.uri.path == queryTokenPath else { return nil }
        return request.uri.queryParameters.get("token")
    }
}
