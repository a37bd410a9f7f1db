/// How the SQLite store is opened.
public struct StoreConfiguration: Sendable {
    /// SQLite's durability level for commits.
    public enum Synchronous: String, Sendable, CaseIterable {
        /// fsync on every commit: an ACK means the fix survives power loss. The default.
        case full = "FULL"
        /// fsync at checkpoints only: survives a crash of mgisd, not of the machine.
        case normal = "NORMAL"
    }

    /// The SQLite file of positions and devices.
    public var path: String
    public var synchronous: Synchronous
    /// How long a connection waits for another process's write lock (mgisctl beside mgisd).
    public var busyTimeoutSeconds: Double
    /// Compaction moves datagrams from the append log into per-device chunks once the log holds
    /// this many rows.
    public var compactionThreshold: Int
    /// At most this many log rows are moved in one compaction transaction, so that ingest
    /// commits never wait behind a long one.
    public var compactionStep: Int

    /// - Parameters:
    ///   - path: the SQLite file; created with its directory's permissions if missing.
    public init(
        path: String,
        synchronous: Synchronous = .full,
        busyTimeoutSeconds: Double = 10,
        compactionThreshold: Int = 20_000,
        compactionStep: Int = 10_000
    ) {
        self.path = path
        self.synchronous = synchronous
        self.busyTimeoutSeconds = busyTimeoutSeconds
        self.compactionThreshold = compactionThreshold
        self.compactionStep = compactionStep
    }
}
