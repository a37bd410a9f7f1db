public import MGISStore

/// What keeps clients from starving the server, shared by the HTTP side: the bounded worker pool,
/// the tally of refused credentials, and the data disk's reserve. Built by `MGISServer` (which
/// also runs the tally and the disk watch as services).
public struct HTTPGuards: Sendable {
    public let workers: WorkerPool
    public let authFailures: AuthFailureSummary
    public let diskSpace: DiskSpaceWatch

    public init(workers: WorkerPool, authFailures: AuthFailureSummary, diskSpace: DiskSpaceWatch) {
        self.workers = workers
        self.authFailures = authFailures
        self.diskSpace = diskSpace
    }
}
