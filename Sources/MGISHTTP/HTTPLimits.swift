import Foundation

/// The bounds of everything a client can make the HTTP side do (README, "Limits").
///
/// Each has a command-line option in `mgisd serve`; the defaults, given here with each bound,
/// suit the two-core machines MGIS runs on.
public struct HTTPLimits: Sendable {
    /// Threads of the worker pool that runs analyses, imports, exports, reports and bcrypt.
    /// Below the core count by default, so that ingest and the live feed always keep a core.
    public var workerThreads: Int = HTTPLimits.defaultWorkerThreads
    /// Heavy requests that may wait for a worker beyond those running; more get `503` with
    /// `Retry-After` instead of a queue that grows.
    public var workerQueue: Int = 4
    /// The most elementary steps (cells x neighbours, points x cells within reach, ...) one
    /// analysis may take; a request estimated above it is refused with `422` before it starts.
    public var analysisBudget: Int = 300_000_000
    /// Open HTTP connections at most; further ones wait in the kernel's backlog.
    public var maxConnections: Int = 1_000
    /// Seconds a connection may stay idle (no request, or a request not arriving) before it is closed.
    public var idleTimeoutSeconds: Int = 15
    /// Points per page of a track read at most (`limit`); a longer track is read page by page.
    public var maxTrackPoints: Int = 10_000
    /// Positions one patrol-effort analysis may read at most; a longer span is refused with `422`.
    public var maxEffortPoints: Int = 2_000_000
    /// Live-feed connections one token may hold at once.
    public var maxLiveConnectionsPerToken: Int = 64
    /// New live-feed connections per second from one client address, after a burst of
    /// `liveConnectBurstPerAddress` (a control room's screens reconnecting together).
    public var liveConnectsPerSecondPerAddress: Int = 50
    public var liveConnectBurstPerAddress: Int = 500
    /// `subscribe` messages per second one live-feed connection may send.
    public var liveSubscribesPerSecond: Int = 5
    /// Login attempts being checked at once, per account and per client address.
    public var loginsInFlightPerAccount: Int = 1
    public var loginsInFlightPerAddress: Int = 4
    /// Requests refused for their credentials are audited as one entry per client address per
    /// this many seconds (`AuthFailureSummary`).
    public var authFailureSummarySeconds: Double = 60
    /// MiB that the runtime recordings in `DATA/recordings/` may hold together; a recording
    /// stops writing when it would pass it.
    public var recordingsCapMegabytes: Int = 1024

    /// One fewer than the cores, at least one.
    public static var defaultWorkerThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    /// The defaults; `mgisd serve` sets each from its option.
    public init() {}
}
