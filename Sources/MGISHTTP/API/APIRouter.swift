import Hummingbird
import MGISCore

/// Registers handlers for the routes of `APIRoute.all`, each behind the token check (unless
/// public) and its role check, so a handler only ever runs for a caller its route allows.
struct APIRouter {
    typealias Handler = @Sendable (Request, MGISRequestContext, Identity) async throws -> Response

    let router: Router<MGISRequestContext>
    let tokens: TokenMiddleware
    let replay: IdempotentReplay

    /// Adds the handler of the route `method path`; the route must be in `APIRoute.all`.
    func on(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        guard let route = APIRoute.all.first(where: { $0.method == method && $0.path == path }) else {
            preconditionFailure("\(method) \(path) is not in APIRoute.all")
        }
        let routerPath = RouterPath(Self.routerPath(path))
        let tokens = self.tokens
        let replay = self.replay
        router.on(routerPath, method: method) { request, context in
            try await tokens.handle(request, context: context) { request, context in
                let identity = try context.requireIdentity()
                guard route.allows(identity) else { throw APIError.forbidden() }
                return try await replay.handle(request, route: route, identity: identity) { request in
                    try await handler(request, context, identity)
                }
            }
        }
    }

    /// `/units/{id}` -> `/units/:id`.
    static func routerPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/")
    }
}

extension MGISRequestContext {
    /// A numeric path parameter, or 404 when it is not a number (no such object can exist).
    func id(_ name: String = "id", what: String) throws -> Int64 {
        guard let text = parameters.get(name), let value = Int64(text) else { throw APIError.notFound(what) }
        return value
    }
}
