import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import MGISAudit
import MGISCore
import MGISLive
import MGISStore
import NIOWebSocket

/// `/api/v1/live`: the WebSocket feed of PROTOCOL.md.
///
/// The upgrade is refused unless the token and role allow it: a plain GET gets the API's JSON
/// errors (401/403), a WebSocket handshake Hummingbird's bare 400 (its upgrade path writes no
/// other answer; browsers see any failed handshake as close code 1006 anyway). A patrol user's feed is confined to its own unit whatever it subscribes to. Frames come
/// from the shared `LiveFeedHub`; a client that cannot keep up is skipped ahead by the hub and,
/// if it stays behind, closed with code 4008. The token is checked again every
/// `sessionCheck` (1 s; `LiveSessionCheck`): revoked, expired or its user disabled closes the
/// socket with 4001, a role that no longer allows the feed with 4003, and a changed unit
/// re-filters the feed to what the user may see now. One token holds at most
/// `HTTPLimits.maxLiveConnectionsPerToken` feeds (a further one is closed at once with 4029), and
/// one feed may send at most `HTTPLimits.liveSubscribesPerSecond` `subscribe` messages a second
/// (more are ignored with one error frame per second). New feeds from one client address are
/// rate-limited before this controller sees them (`LiveFeedConnectGate`): a reconnect loop is
/// refused instead of getting a fresh snapshot each time.
struct LiveFeedController {
    /// Close code: the client fell behind for too long.
    static let closeTooSlow: UInt16 = 4008
    /// Close code: the token is no longer valid.
    static let closeTokenInvalid: UInt16 = LiveSessionCheck.closeTokenInvalid
    /// Session checks in a row that may fail (the store unreadable) before the feed is closed.
    static let maxUncheckedSessionChecks = 30
    /// Close code: the token already holds its maximum of live feeds.
    static let closeTooManyConnections: UInt16 = 4029

    let feed: LiveFeedHub
    let authenticator: TokenAuthenticator
    let audit: AuditWriter
    let logger: Logger
    let connections: LiveFeedConnections
    let subscribesPerSecond: Int
    /// How often an open feed checks its token and its user's roles and unit again.
    let sessionCheck: Duration

    func register(on api: APIRouter) {
        guard let route = APIRoute.all.first(where: { $0.path == "/api/v1/live" }) else { return }
        let authenticator = self.authenticator
        let feed = self.feed
        let audit = self.audit
        let sessionCheck = self.sessionCheck
        let (connections, subscribesPerSecond) = (self.connections, self.subscribesPerSecond)
        api.router.ws(
            RouterPath("/api/v1/live"),
            shouldUpgrade: { request, context in
                let identity = try await Self.identity(request, authenticator)
                guard route.allows(identity) else { throw APIError.forbidden() }
                return .upgrade([:])
            },
            onUpgrade: { inbound, outbound, context in
                ThreadPriority.lower(to: ThreadPriority.serving)
                let identity = try await Self.identity(context.request, authenticator)
                let token = TokenMiddleware.token(in: context.request) ?? ""
                guard connections.reserve(tokenID: identity.tokenID) else {
                    try await outbound.close(
                        .unknown(Self.closeTooManyConnections),
                        reason: "this token already has \(connections.maximumPerToken) live feeds open"
                    )
                    return
                }
                defer { connections.release(tokenID: identity.tokenID) }
                let access = LiveFeedAccess(confinement: identity.feedConfinement)
                let subscription = feed.subscribe(filter: access.effective)
                defer { subscription.cancel() }
                let connected = ContinuousClock.now
                let client = context.requestContext.remoteAddress
                audit.enqueue(Self.event(.liveConnect, identity, client: client, details: [:]))
                defer {
                    let seconds = (ContinuousClock.now - connected).components.seconds
                    let reason = subscription.closeReason == .tooSlow ? "too_slow" : access.endReason ?? "closed"
                    audit.enqueue(Self.event(.liveDisconnect, identity, client: client, details: ["seconds": "\(seconds)", "reason": reason]))
                }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var rate = MessageRateWindow(limit: subscribesPerSecond)
                        for try await message in inbound.messages(maxSize: 16 * 1024) {
                            guard case .text(let text) = message else { continue }
                            if case .refused(let first) = rate.note() {
                                if first { try await outbound.write(.text(Self.errorFrame("at most \(rate.limit) subscribe messages per second"))) }
                                continue
                            }
                            switch Self.parseSubscribe(text) {
                            case .success(let filter): subscription.updateFilter(access.request(filter))
                            case .failure(let error):
                                try await outbound.write(.text(Self.errorFrame(error.message)))
                            }
                        }
                        subscription.cancel()
                    }
                    group.addTask {
                        for await frame in subscription {
                            try await outbound.write(.text(frame))
                        }
                        if subscription.closeReason == .tooSlow {
                            try await outbound.close(.unknown(Self.closeTooSlow), reason: "client too slow")
                        }
                    }
                    group.addTask {
                        var confinement = identity.feedConfinement
                        var unchecked = 0
                        while !Task.isCancelled {
                            try await Task.sleep(for: sessionCheck)
                            // A check that fails (the store busy or briefly unreadable) is not a
                            // verdict: it must not end a wall screen's feed. After 30 failures in a
                            // row the session cannot be vouched for any longer, and the feed ends.
                            let outcome: TokenAuthenticator.Outcome
                            do {
                                outcome = try await authenticator.authenticate(token)
                                unchecked = 0
                            } catch is CancellationError {
                                return
                            } catch {
                                unchecked += 1
                                guard unchecked >= Self.maxUncheckedSessionChecks else { continue }
                                try await outbound.close(.unexpectedServerError, reason: "the session cannot be checked")
                                return
                            }
                            switch LiveSessionCheck.verdict(outcome, route: route, confinement: confinement) {
                            case .unchanged: continue
                            case .confine(let units):
                                confinement = units
                                if let filter = access.confine(to: units) { subscription.updateFilter(filter) }
                            case .close(let code, let reason):
                                access.end(code == Self.closeTokenInvalid ? "token_invalid" : "forbidden")
                                try await outbound.close(.unknown(code), reason: reason)
                                return
                            }
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        )
    }

    static func event(_ action: AuditAction, _ identity: Identity, client: String?, details: [String: String]) -> AuditEvent {
        AuditEvent(
            actor: identity.user.name, actorID: identity.user.id, roles: identity.user.roles.map(\.rawValue).sorted(), action: action,
            method: "GET", route: "/api/v1/live", objectIDs: [], query: [:], status: nil, durationMillis: nil, clientAddress: client,
            outcome: .ok, details: details
        )
    }

    /// `{"type":"error","error":"bad_request","message":...}`, escaped properly whatever the message holds.
    static func errorFrame(_ message: String) -> String {
        let object: [String: String] = ["type": "error", "error": "bad_request", "message": message]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func identity(_ request: Request, _ authenticator: TokenAuthenticator) async throws -> Identity {
        guard let token = TokenMiddleware.token(in: request) else { throw APIError.unauthorized }
        return try await TokenMiddleware.identity(of: token, authenticator)
    }

    struct SubscribeError: Error {
        let message: String
    }

    /// `{"type":"subscribe","units":["7"],"bbox":[minLon,minLat,maxLon,maxLat]}`; both optional.
    static func parseSubscribe(_ text: String) -> Result<FeedFilter, SubscribeError> {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), case .object(let object) = value,
            object["type"] == .string("subscribe")
        else {
            return .failure(SubscribeError(message: "expected {\"type\":\"subscribe\", ...}"))
        }
        if let unknown = object.keys.first(where: { !["type", "units", "bbox"].contains($0) }) {
            return .failure(SubscribeError(message: "unknown field '\(unknown.prefix(32))'"))
        }
        var filter = FeedFilter()
        switch object["units"] {
        case nil, .null: break
        case .array(let items):
            var units: Set<String> = []
            for item in items {
                guard case .string(let unit) = item else { return .failure(SubscribeError(message: "units must be an array of strings")) }
                units.insert(unit)
            }
            filter.units = units
        default: return .failure(SubscribeError(message: "units must be an array of strings"))
        }
        switch object["bbox"] {
        case nil, .null: break
        case .array(let items) where items.count == 4:
            let numbers = items.compactMap { item -> Double? in if case .number(let n) = item { n } else { nil } }
            guard numbers.count == 4, numbers[0] <= numbers[2], numbers[1] <= numbers[3],
                (-180...180).contains(numbers[0]), (-180...180).contains(numbers[2]),
                (-90...90).contains(numbers[1]), (-90...90).contains(numbers[3])
            else {
                return .failure(SubscribeError(message: "bbox must be [minLon,minLat,maxLon,maxLat] within range"))
            }
            filter.bbox = BoundingBox(minLon: numbers[0], minLat: numbers[1], maxLon: numbers[2], maxLat: numbers[3])
        default: return .failure(SubscribeError(message: "bbox must be [minLon,minLat,maxLon,maxLat]"))
        }
        return .success(filter)
    }
}
