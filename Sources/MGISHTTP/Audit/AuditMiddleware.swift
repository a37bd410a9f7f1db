import Foundation
import Hummingbird
import MGISAudit
import MGISCore

/// Records every use of the API in the audit trail.
///
/// - Every request to a route of `APIRoute.all` that carries a token (valid or not), and every
///   login attempt, becomes one event: who, roles, route pattern, object ids, query, status,
///   duration, client address, outcome. Secrets never enter it (the token is not recorded; query
///   values under secret-looking keys are redacted by `AuditEvent`; login bodies give only the name).
/// - A change (any method but GET) is **fail-closed**: an "attempt" event must be committed before
///   the handler runs, or the request is refused with 503 and nothing changes; its outcome event is
///   committed before the response leaves. Reads are queued and committed within one batch interval.
///
/// Requests refused for their credentials (a token that is not valid, a failed or throttled
/// login) are the exception: they are tallied by `AuthFailureSummary`, one entry per client
/// address and interval, so that junk requests cannot fill the disk with audit entries. A login
/// that succeeds is recorded durably before its token is returned.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = MGISRequestContext

    let writer: AuditWriter
    let authenticator: TokenAuthenticator
    let authFailures: AuthFailureSummary

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (route, parameters) = APIRoute.match(method: request.method, path: request.uri.path), route.roles != nil || route.isLogin
        else {
            return try await next(request, context)
        }
        var request = request
        var actor: (name: String?, id: Int64?, roles: [String]) = (nil, nil, [])
        if route.isLogin {
            actor.name = try await Self.loginName(&request)
        } else if let token = TokenMiddleware.token(in: request) {
            guard case .valid(let identity) = try? await authenticator.authenticate(token) else {
                return try await tallied(request, context, route: route, next: next)
            }
            actor = (identity.user.name, identity.user.id, identity.user.roles.map(\.rawValue).sorted())
        } else if request.uri.queryParameters.get("token") == nil {
            // No credentials at all: the refusal is answered without an event, as for anonymous
            // scans of public pages; attempts with a token, valid or not, are recorded (one in
            // the address of a route that does not take it too: refused, and recorded unnamed).
            return try await next(request, context)
        }
        let start = ContinuousClock.now
        var event = AuditEvent(
            actor: actor.name, actorID: actor.id, roles: actor.roles, action: .apiRequest,
            method: request.method.rawValue, route: route.path, objectIDs: parameters.keys.sorted().compactMap { parameters[$0] },
            query: Self.query(request), status: nil, durationMillis: nil, clientAddress: context.remoteAddress,
            outcome: .ok, details: [:]
        )
        if route.isLogin {
            return try await login(request, context, event: event, next: next)
        }
        if route.isChange {
            var attempt = event
            attempt.details = ["phase": "attempt"]
            do {
                try await writer.record(attempt)
            } catch {
                throw APIError(.serviceUnavailable, "audit_unavailable", "the audit trail cannot be written; changes are refused until it can")
            }
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            Self.addTargets(context.readObjects, to: &event)
            try await finish(&event, route: route, status: status, start: start)
            throw error
        }
        let read = context.readObjects.recorded
        if read.count > 0 {
            event.objectIDs += read.ids
            event.details["records_read"] = String(read.count)
        }
        Self.addTargets(context.readObjects, to: &event)
        if response.headers[IdempotentReplay.replayedHeader] != nil {
            // The same change answered again, not made again.
            event.details["idempotent_replay"] = "true"
        }
        try await finish(&event, route: route, status: response.status.code, start: start)
        return response
    }

    /// A request whose token is not valid: answered as usual (401), counted in the summary.
    private func tallied(
        _ request: Request, _ context: Context, route: APIRoute, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let label = "\(request.method.rawValue) \(route.path)"
        do {
            let response = try await next(request, context)
            authFailures.note(address: context.remoteAddress, route: label, status: response.status.code, name: nil)
            return response
        } catch {
            authFailures.note(address: context.remoteAddress, route: label, status: (error as? any HTTPResponseError)?.status.code ?? 500, name: nil)
            throw error
        }
    }

    /// A login: a refused one (401, 429, a bad body) goes to the summary; a successful one is
    /// recorded durably before its token leaves, and fails closed if it cannot be.
    private func login(
        _ request: Request, _ context: Context, event: AuditEvent, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            if status >= 500 { throw error }
            authFailures.note(address: context.remoteAddress, route: "POST \(event.route ?? "")", status: status, name: event.actor)
            throw error
        }
        var event = event
        event.status = response.status.code
        event.durationMillis = Self.millis(since: start)
        event.action = .login
        do {
            try await writer.record(event)
        } catch {
            throw APIError(.serviceUnavailable, "audit_unavailable", "the audit trail cannot be written; logins are refused until it can")
        }
        return response
    }

    private func finish(_ event: inout AuditEvent, route: APIRoute, status: Int, start: ContinuousClock.Instant) async throws {
        event.status = status
        event.durationMillis = Self.millis(since: start)
        event.action = AuditActionMap.action(for: route, status: status)
        event.outcome = status == 401 || status == 403 ? .denied : status >= 500 ? .error : status >= 400 ? .denied : .ok
        if route.isChange {
            event.details["phase"] = "result"
            do {
                try await writer.record(event)
            } catch {
                // The change happened but its result could not be recorded: say so loudly; the
                // attempt is already in the trail.
                throw APIError(.serviceUnavailable, "audit_unavailable", "the change was made but its audit record could not be written")
            }
        } else {
            writer.enqueue(event)
        }
    }

    static func millis(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }

    /// What the handler said the change acted on (a refused change too: what it was refused for).
    static func addTargets(_ objects: AuditReadObjects, to event: inout AuditEvent) {
        let targets = objects.targets
        event.objectIDs += targets.ids
        event.details.merge(targets.details) { old, _ in old }
    }

    /// The query parameters (secret-looking keys are redacted by AuditEvent itself).
    static func query(_ request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            query[String(key)] = String(value)
        }
        return query
    }

    /// The user name of a login attempt, read from its body, which stays readable for the handler.
    static func loginName(_ request: inout Request) async throws -> String? {
        guard let buffer = try? await request.collectBody(upTo: JSONBody.maxBytes),
            let value = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView)),
            case .object(let object) = value, case .string(let name) = object["username"]
        else { return nil }
        return String(name.prefix(64))
    }
}

extension APIRoute {
    var isLogin: Bool { method == .post && path == "/api/v1/auth/login" }
}
