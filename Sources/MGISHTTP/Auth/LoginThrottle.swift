import CoreMetrics
import Synchronization

/// Guards the login against guessing and against being used to burn the server's CPU.
///
/// - **Delays, refused at once.** After 3 failures for one account from one address (or from one
///   address over any accounts), the next attempt is allowed only 2^(failures-3) seconds after
///   the last failure, up to 60 s, and is forgotten after 15 quiet minutes or a success. An
///   attempt before that time is answered `429` with `Retry-After` straight away and costs no
///   bcrypt. Keyed by (account, address), not by account alone, so that nobody can lock an
///   officer out of their own account by failing logins from elsewhere.
/// - **In flight.** At most `perAccount` attempts for one account and `perAddress` from one
///   address are checked at once; more are refused with `429` without a bcrypt round, so a burst
///   of parallel guesses cannot get ahead of the delays or take the worker pool.
/// - **Known addresses.** An address from which an account logged in successfully (in the last
///   `knownMillis`, 30 days, while mgisd runs) is known for that account. An attempt from it takes
///   its own in-flight lane (`known:` key) instead of the account's, and is not held back by the
///   address's delay over other accounts: only its own (account, address) failures delay it. So
///   however many addresses hammer an account, its owner's correct password from an address they
///   used before is checked at once.
final class LoginThrottle: Sendable {
    private struct Record {
        var failures: Int
        var lastMillis: Int64
    }

    private struct State {
        var records: [String: Record] = [:]
        var inFlight: [String: Int] = [:]
        /// (account, address) pairs that logged in, with the time of the last success.
        var known: [String: Int64] = [:]
    }

    /// What the throttle says about one attempt.
    enum Verdict: Equatable {
        /// Check the password, then call `finished(_:_:nowMillis:)` with the same keys.
        case admitted
        /// Refuse without checking; the client may retry after this many milliseconds.
        case refused(retryAfterMillis: Int64)
    }

    /// How an admitted attempt ended.
    enum Outcome {
        case succeeded
        case failed
        /// The password was never checked (a store error, a full worker pool).
        case notChecked
    }

    /// The keys of one attempt.
    struct Keys: Sendable {
        /// The (account, address) pair: remembered as known after a success.
        var pair: String
        /// The delay keys: the (account, address) pair and, unless the pair is known, the address.
        var delays: [String]
        /// The in-flight keys with their limits: the account and the address.
        var inFlight: [(key: String, limit: Int)]
    }

    private let state = Mutex(State())
    private let forgetMillis: Int64 = 15 * 60 * 1000
    /// How long a successful login keeps its address known for the account.
    private let knownMillis: Int64 = 30 * 86_400_000
    private let perAccount: Int
    private let perAddress: Int
    /// `mgis_login_attempts_total{outcome=...}`: throttled ones cost no bcrypt, the others one each.
    private let throttled, succeededCount, failedCount: Counter

    init(perAccount: Int = 1, perAddress: Int = 4, factory: any MetricsFactory = MetricsSystem.factory) {
        self.perAccount = max(1, perAccount)
        self.perAddress = max(1, perAddress)
        let label = "mgis_login_attempts_total"
        throttled = Counter(label: label, dimensions: [("outcome", "throttled")], factory: factory)
        succeededCount = Counter(label: label, dimensions: [("outcome", "succeeded")], factory: factory)
        failedCount = Counter(label: label, dimensions: [("outcome", "failed")], factory: factory)
    }

    func keys(account: String, address: String, nowMillis: Int64) -> Keys {
        let pair = "pair:\(account)|\(address)"
        let known = state.withLock { state in state.known[pair].map { nowMillis - $0 < knownMillis } ?? false }
        guard known else {
            return Keys(
                pair: pair, delays: [pair, "addr:\(address)"],
                inFlight: [("user:\(account)", perAccount), ("addr:\(address)", perAddress)]
            )
        }
        return Keys(pair: pair, delays: [pair], inFlight: [("known:\(account)|\(address)", perAccount), ("addr:\(address)", perAddress)])
    }

    /// Admits the attempt (counting it in flight) or refuses it, in one step.
    func admit(_ keys: Keys, nowMillis: Int64) -> Verdict {
        let verdict = decide(keys, nowMillis: nowMillis)
        if verdict != .admitted { throttled.increment() }
        return verdict
    }

    private func decide(_ keys: Keys, nowMillis: Int64) -> Verdict {
        state.withLock { state in
            let wait = keys.delays.compactMap { key -> Int64? in
                guard let record = state.records[key], nowMillis - record.lastMillis < forgetMillis, record.failures >= 3 else { return nil }
                let remaining = record.lastMillis + Self.delay(failures: record.failures) - nowMillis
                return remaining > 0 ? remaining : nil
            }.max()
            if let wait { return .refused(retryAfterMillis: wait) }
            if keys.inFlight.contains(where: { state.inFlight[$0.key, default: 0] >= $0.limit }) {
                return .refused(retryAfterMillis: 1000)
            }
            for entry in keys.inFlight { state.inFlight[entry.key, default: 0] += 1 }
            return .admitted
        }
    }

    /// Ends an admitted attempt: a success clears its delays, a failure lengthens them.
    func finished(_ keys: Keys, _ outcome: Outcome, nowMillis: Int64) {
        switch outcome {
        case .succeeded: succeededCount.increment()
        case .failed: failedCount.increment()
        case .notChecked: break
        }
        state.withLock { state in
            for entry in keys.inFlight {
                let left = state.inFlight[entry.key, default: 1] - 1
                state.inFlight[entry.key] = left > 0 ? left : nil
            }
            switch outcome {
            case .notChecked: return
            case .succeeded:
                for key in keys.delays { state.records[key] = nil }
                if state.known.count > 100_000 { state.known = state.known.filter { nowMillis - $0.value < knownMillis } }
                if state.known.count <= 100_000 { state.known[keys.pair] = nowMillis }
                return
            case .failed: break
            }
            if state.records.count > 100_000 { state.records.removeAll() }
            for key in keys.delays {
                var record = state.records[key] ?? Record(failures: 0, lastMillis: nowMillis)
                if nowMillis - record.lastMillis >= forgetMillis { record.failures = 0 }
                record.failures += 1
                record.lastMillis = nowMillis
                state.records[key] = record
            }
        }
    }

    /// The wait after `failures` failures: none for the first 3, then 1 s doubling up to 60 s.
    static func delay(failures: Int) -> Int64 {
        failures < 3 ? 0 : min(60_000, 1000 << min(failures - 3, 6))
    }
}
