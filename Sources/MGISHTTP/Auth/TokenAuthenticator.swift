public import MGISCore
public import MGISStore
import Synchronization

/// Checks bearer tokens against the store, with a short cache so that a busy display or script
/// costs one SQLite read per token per few seconds, not one per request.
///
/// Revocations made through this server drop the cache entry at once; those made by mgisctl
/// in another process take effect within `cacheSeconds`.
public final class TokenAuthenticator: Sendable {
    public enum Outcome: Sendable, Equatable {
        case valid(Identity)
        case unknown
        case expired
        case revoked
    }

    private struct Cached {
        var token: AccessToken
        var user: User
        var fetchedMillis: Int64
    }

    private let store: Store
    private let cacheMillis: Int64
    private let nowMillis: @Sendable () -> Int64
    /// The cache, and a generation that `invalidate()` bumps: a lookup that started before an
    /// invalidation must not put its (possibly revoked) answer back into the cache.
    private let cache = Mutex<(entries: [[UInt8]: Cached], generation: UInt64)>(([:], 0))

    public init(store: Store, cacheSeconds: Int = 5, nowMillis: @escaping @Sendable () -> Int64 = WallClock.nowMillis) {
        self.store = store
        self.cacheMillis = Int64(cacheSeconds) * 1000
        self.nowMillis = nowMillis
    }

    /// What `token` is worth now.
    public func authenticate(_ token: String) async throws -> Outcome {
        let hash = TokenFactory.hash(token)
        let now = nowMillis()
        let (cached, generation) = cache.withLock { ($0.entries[hash], $0.generation) }
        var entry = cached
        // A clock stepping back must not keep an entry fresh for ever.
        if entry == nil || now - entry!.fetchedMillis > cacheMillis || now < entry!.fetchedMillis {
            guard let found = try await BlockingIO.run({ [store] in try store.token(hash: hash) }) else {
                cache.withLock { _ = $0.entries.removeValue(forKey: hash) }
                return .unknown
            }
            entry = Cached(token: found.token, user: found.user, fetchedMillis: now)
            cache.withLock { cache in
                guard cache.generation == generation else { return }
                if cache.entries.count > 10_000 { cache.entries.removeAll() }  // bound memory against token spraying
                cache.entries[hash] = entry
            }
        }
        guard let entry else { return .unknown }
        if entry.token.revokedMillis != nil || entry.user.disabled { return .revoked }
        if now >= entry.token.expiresMillis { return .expired }
        return .valid(Identity(user: entry.user, tokenID: entry.token.id, tokenKind: entry.token.kind))
    }

    /// Forgets cached tokens (after a revocation or a user change made here).
    public func invalidate() {
        cache.withLock { cache in
            cache.entries.removeAll()
            cache.generation &+= 1
        }
    }
}
