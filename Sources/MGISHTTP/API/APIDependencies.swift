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
    let throttle: LoginThrottle
    let configuration: HTTPConfiguration
    let desk: TaskDesk
    let violations: ViolationRegister
    /// Called after units, devices or user-unit links change, so live views can follow.
    let directoryChanged: @Sendable () async -> Void
}
