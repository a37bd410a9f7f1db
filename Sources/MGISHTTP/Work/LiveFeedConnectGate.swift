import CoreMetrics
import Hummingbird
import Synchronization

/// Refuses a live-feed upgrade over its address's connect rate before anything else looks at
/// it: no token check, no audit event one by one (the refusal is tallied per address in the
/// `AuthFailureSummary`, like bad credentials), no JSON error built per attempt beyond a short
/// one. A client reconnecting in a loop then costs the server an HTTP head parsed and a few
/// bytes answered, which is what keeps ingest's ACKs steady beside it (issue 12, case d).
///
/// A request without WebSocket upgrade headers gets the JSON `429` with `Retry-After`; a real
/// upgrade refused here, like any refused upgrade (401, 403), gets Hummingbird's bare `400` and
/// a closed connection, since its upgrade path writes no other answer; browsers report any failed
/// handshake as close code 1006 whatever the status, and the pages back off exponentially.
///
/// Sits before the audit middleware. The rate is per client address as the socket sees it:
/// behind a balancer that does not pass addresses through, every client shares one bucket, so
/// raise the rate there (`--live-connects-per-second`).
struct LiveFeedConnectGate: RouterMiddleware {
    typealias Context = MGISRequestContext

    static let path = "/api/v1/live"

    let rate: LiveFeedConnectRate
    let refusals: AuthFailureSummary
    /// `mgis_live_connects_refused_total`.
    let refused: Counter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, request.uri.path == Self.path, !rate.admit(context.remoteAddress ?? "?") else {
            return try await next(request, context)
        }
        refused.increment()
        refusals.note(address: context.remoteAddress, route: "GET \(Self.path)", status: 429, name: nil, credentials: false)
        var error = APIError(
            .tooManyRequests, "too_many_connections",
            "at most \(Int(rate.perSecond)) new live feeds per second from one address (\(Int(rate.burst)) at once)"
        )
        error.headers[.retryAfter] = "1"
        throw error
    }
}

/// New live-feed connections per client address: a token bucket of `burst` connections that
/// refills at `perSecond`. Every new feed costs a full snapshot (all units, hundreds of KB); a
/// client reconnecting in a loop would otherwise make the server build and send them without
/// end. The burst lets a control room's screens behind one address all reconnect at once after
/// a network blip.
public final class LiveFeedConnectRate: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    public let perSecond: Double
    public let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(perSecond: Int, burst: Int) {
        self.perSecond = Double(max(1, perSecond))
        self.burst = Double(max(1, burst))
    }

    /// Takes one connection from `address`'s bucket, or returns false when it is empty.
    public func admit(_ address: String, now: ContinuousClock.Instant = .now) -> Bool {
        buckets.withLock { buckets in
            if buckets.count > 10_000 { buckets.removeAll() }
            var bucket = buckets[address] ?? Bucket(tokens: burst, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[address] = bucket
                return false
            }
            bucket.tokens -= 1
            buckets[address] = bucket
            return true
        }
    }
}
