import Logging
import MGISDispatch
import MGISLive
import MGISStore

/// What the API handlers share.
struct APIDependencies: Sendable {
    let store: Store
    let live: LiveState
    let authenticator: TokenAuthenticator
    let hasher: PasswordHasher
    /// Where analyses, imports, exports, reports and bcrypt run (bounded; full answers 503).
    let workers: WorkerPool
    let throttle: LoginThrottle
    let configuration: HTTPConfiguration
    let desk: TaskDesk
    let violations: ViolationRegister
    /// Called after units, devices or user-unit links change, so live views can follow.
    let directoryChanged: @Sendable () async -> Void
}
