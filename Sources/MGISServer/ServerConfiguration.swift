public import MGISIngest
import MGISAudit
public import MGISStore
public import MGISHTTP
public import MGISDispatch

/// Everything one mgisd process is configured with.
public struct ServerConfiguration: Sendable {
    /// The data directory: `mgis.sqlite` and later the audit store live here.
    public var dataDirectory: String
    public var ingest: UDPIngestConfiguration
    /// The Teltonika UDP listener (Codec 8 / 8E); nil runs none. mgisd sets it (port 5027 by
    /// default); in-process servers (tests, benchmarks) leave it off unless they ask for it.
    public var teltonika: UDPIngestConfiguration? = nil
    /// The Teltonika TCP listener; nil runs none. Port 0 shares the Teltonika UDP listener's
    /// port number, as the manufacturer's trackers expect both on one number.
    public var teltonikaTCP: TeltonikaTCPConfiguration? = nil
    public var http: HTTPConfiguration
    public var synchronous: StoreConfiguration.Synchronous
    public var compactionThreshold: Int
    /// The first admin's password on a new data directory; random (and printed once) when nil.
    public var initialAdminPassword: String?
    /// The checkpoint signing key (`--audit-key`); nil keeps it in the data directory
    /// (`audit-signing.key`). Created 0600 when missing; a key group or others may read is refused.
    public var auditKeyFile: String? = nil
    /// How often the audit trail signs a checkpoint (when it grew); also on shutdown.
    public var auditCheckpointInterval: Duration
    /// A file (`*.jsonl`, one checkpoint a line) or directory to copy each signed checkpoint to,
    /// ideally somewhere the database administrator cannot write.
    public var auditCheckpointCopy: String?
    /// Whether HTTP requests are recorded in the audit trail. Always true in mgisd, which has no
    /// switch for it; only the benchmark that measures the trail's cost (`mgis-load api-server`)
    /// turns it off, in code.
    public var auditHTTPRequests: Bool = true
    /// Free bytes the data disk must keep for changes to be accepted (`--disk-reserve-mb`); below,
    /// the API answers changes with 507 and `/healthz` says why, while ingest keeps storing.
    public var diskReserveBytes: Int64 = 256 * 1_048_576
    /// How often the data disk's free space is read.
    public var diskCheckInterval: Duration = .seconds(1)
    /// Task monitoring: acknowledgement timeout, tick interval.
    public var tasks = TaskDeskConfiguration()
    /// The task desk's clock; nil is the wall clock. Tests inject one to fire time-driven alerts.
    public var taskClock: (@Sendable () -> Int64)? = nil
    /// Record every datagram of the UDP listeners from start-up (`--record`); nil starts with
    /// recording off (admins can still switch it on through `PUT /api/v1/recording`).
    public var recording: RecordingConfiguration? = nil

    public init(
        dataDirectory: String = "./mgis-data",
        ingest: UDPIngestConfiguration = UDPIngestConfiguration(),
        http: HTTPConfiguration = HTTPConfiguration(),
        synchronous: StoreConfiguration.Synchronous = .full,
        compactionThreshold: Int = 20_000,
        initialAdminPassword: String? = nil,
        auditCheckpointInterval: Duration = .seconds(60),
        auditCheckpointCopy: String? = nil
    ) {
        self.initialAdminPassword = initialAdminPassword
        self.auditCheckpointInterval = auditCheckpointInterval
        self.auditCheckpointCopy = auditCheckpointCopy
        self.dataDirectory = dataDirectory
        self.ingest = ingest
        self.http = http
        self.synchronous = synchronous
        self.compactionThreshold = compactionThreshold
    }

    /// Where the audit signing key is read from (and created).
    public var auditKeyPath: String { auditKeyFile ?? dataDirectory + "/" + AuditSigningKey.fileName }

    /// The positions and devices database.
    public var storePath: String { dataDirectory + "/mgis.sqlite" }

    public var storeConfiguration: StoreConfiguration {
        StoreConfiguration(path: storePath, synchronous: synchronous, compactionThreshold: compactionThreshold)
    }
}
