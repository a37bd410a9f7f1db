/// How the audit writer batches, retries and signs.
public struct AuditWriterConfiguration: Sendable {
    /// A batch is committed once it holds this many events...
    public var maxBatchEvents: Int
    /// ...or this long after its first event arrived, whichever comes first.
    public var maxBatchDelay: Duration
    /// `enqueue` drops events (and counts them) beyond this many waiting, so an unwritable
    /// log cannot exhaust memory; `record` is never dropped, it fails instead.
    public var maxQueuedEvents: Int
    /// After a failed commit, wait this long before the next attempt.
    public var retryDelay: Duration
    /// Sign a checkpoint this often while running, when the tree grew; `nil`: only when
    /// `checkpoint()` is called.
    public var checkpointInterval: Duration?
    /// Sign a checkpoint when `run()` ends on graceful shutdown, when the tree grew.
    public var checkpointOnShutdown: Bool
    /// Also write every checkpoint here as it is made.
    public var checkpointCopy: AuditCheckpointCopy?

    /// - Parameters:
    ///   - maxBatchEvents: close a batch at this many events (256).
    ///   - maxBatchDelay: or this long after its first event (5 ms).
    ///   - maxQueuedEvents: drop enqueued events beyond this many (100 000).
    ///   - retryDelay: pause after a failed commit (1 s).
    ///   - checkpointInterval: periodic signing (off).
    ///   - checkpointOnShutdown: sign on graceful shutdown (on).
    ///   - checkpointCopy: second location for checkpoints (none).
    public init(
        maxBatchEvents: Int = 256,
        maxBatchDelay: Duration = .milliseconds(5),
        maxQueuedEvents: Int = 100_000,
        retryDelay: Duration = .seconds(1),
        checkpointInterval: Duration? = nil,
        checkpointOnShutdown: Bool = true,
        checkpointCopy: AuditCheckpointCopy? = nil
    ) {
        self.maxBatchEvents = max(1, maxBatchEvents)
        self.maxBatchDelay = maxBatchDelay
        self.maxQueuedEvents = maxQueuedEvents
        self.retryDelay = retryDelay
        self.checkpointInterval = checkpointInterval
        self.checkpointOnShutdown = checkpointOnShutdown
        self.checkpointCopy = checkpointCopy
    }
}
