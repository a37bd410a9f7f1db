import Foundation

/// The bounds of everything a client can make the HTTP side do (README, "Limits").
///
/// Each has a command-line option in `mgisd serve`; the defaults suit the two-core machines MGIS
/// runs on.
public struct HTTPLimits: Sendable {
    /// Threads of the worker pool that runs analyses, imports, exports, reports and bcrypt.
    /// Below the core count by default, so that ingest and the live feed always keep a core.
    public var workerThreads: Int
    /// Heavy requests that may wait for a worker beyond those running; more get `503` with
    /// `Retry-After` instead of a queue that grows.
    public var workerQueue: Int
    /// The most elementary steps (cells x neighbours, points x cells within reach, ...) one
    /// analysis may take; a request estimated above it is refused with `422` before it starts.
    public var analysisBudget: Int
    /// Open HTTP connections at most; further ones wait in the kernel's backlog.
    public var maxConnections: Int
    /// Seconds a connection may stay idle (no request, or a request not arriving) before it is closed.
    public var idleTimeoutSeconds: Int
    /// Points per page of a track read at most (`limit`); a longer track is read page by page.
    public var maxTrackPoints: Int
    /// Positions one patrol-effort analysis may read at most; a longer span is refused with `422`.
    public var maxEffortPoints: Int
    /// Live-feed connections one token may hold at once.
    public var maxLiveConnectionsPerToken: Int
    /// New live-feed connections per second from one client address, after a burst of
    /// `liveConnectBurstPerAddress` (a control room's screens reconnecting together).
    public var liveConnectsPerSecondPerAddress: Int
    public var liveConnectBurstPerAddress: Int
    /// `subscribe` messages per second one live-feed connection may send.
    public var liveSubscribesPerSecond: Int
    /// Login attempts being checked at once, per account and per client address.
    public var loginsInFlightPerAccount: Int
    public var loginsInFlightPerAddress: Int
    /// Requests refused for their credentials are audited as one entry per client address per
    /// this many seconds (`AuthFailureSummary`).
    public var authFailureSummarySeconds: Double

    /// One fewer than the cores, at least one.
    public static var defaultWorkerThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    public init(
        workerThreads: Int = HTTPLimits.defaultWorkerThreads,
        workerQueue: Int = 4,
        analysisBudget: Int = 300_000_000,
        maxConnections: Int = 1_000,
        idleTimeoutSeconds: Int = 15,
        maxTrackPoints: Int = 10_000,
        maxEffortPoints: Int = 2_000_000,
        maxLiveConnectionsPerToken: Int = 64,
        liveConnectsPerSecondPerAddress: Int = 50,
        liveConnectBurstPerAddress: Int = 500,
        liveSubscribesPerSecond: Int = 5,
        loginsInFlightPerAccount: Int = 1,
        loginsInFlightPerAddress: Int = 4,
        authFailureSummarySeconds: Double = 60
    ) {
        self.workerThreads = workerThreads
        self.workerQueue = workerQueue
        self.analysisBudget = analysisBudget
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxTrackPoints = maxTrackPoints
        self.maxEffortPoints = maxEffortPoints
        self.maxLiveConnectionsPerToken = maxLiveConnectionsPerToken
        self.liveConnectsPerSecondPerAddress = liveConnectsPerSecondPerAddress
        self.liveConnectBurstPerAddress = liveConnectBurstPerAddress
        self.liveSubscribesPerSecond = liveSubscribesPerSecond
        self.loginsInFlightPerAccount = loginsInFlightPerAccount
        self.loginsInFlightPerAddress = loginsInFlightPerAddress
        self.authFailureSummarySeconds = authFailureSummarySeconds
    }
}
