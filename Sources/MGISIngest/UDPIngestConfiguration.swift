public import NIOCore

/// How the MTP/1 UDP listener binds and batches.
public struct UDPIngestConfiguration: Sendable {
    /// Address to bind; "0.0.0.0" for all IPv4 interfaces, "::" for all.
    public var host: String
    /// The MTP/1 port; 0 picks a free one (tests).
    public var port: Int
    /// A batch is committed once it holds this many fixes...
    public var batchMaxFixes: Int
    /// ... or this long after its first datagram arrived.
    public var batchMaxDelay: TimeAmount
    /// Batches waiting for the writer beyond which new datagrams are dropped unanswered.
    public var maxPendingBatches: Int
    /// Datagrams read per system call (recvmmsg).
    public var vectorReadCount: Int
    /// Requested socket receive buffer; the kernel caps it at net.core.rmem_max.
    public var receiveBufferBytes: Int
    /// A fix further in the future than this is refused with status 2 (PROTOCOL.md: 300 s); for
    /// the Teltonika listener, its records are not stored and the packet is answered with 0
    /// (`teltonikaMaxFutureMillis` in mgisd).
    public var maxFutureMillis: Int64
    /// Datagrams remembered per device in memory for duplicate detection; older ones are
    /// looked up in the store.
    public var duplicateWindow: Int
    /// How often the device registry is checked for changes made by mgisctl.
    public var registryPollInterval: Duration

    /// mgisd's default future allowance for Teltonika records (`--teltonika-future-seconds`, 60 s):
    /// smaller than MTP/1's, as a Teltonika packet carries no authentication and anyone who knows
    /// an IMEI can send one.
    public static let teltonikaMaxFutureMillis: Int64 = 60_000

    public init(
        host: String = "0.0.0.0",
        port: Int = 5055,
        batchMaxFixes: Int = 4096,
        batchMaxDelay: TimeAmount = .milliseconds(5),
        maxPendingBatches: Int = 64,
        vectorReadCount: Int = 64,
        receiveBufferBytes: Int = 16 << 20,
        maxFutureMillis: Int64 = 300_000,
        duplicateWindow: Int = 1024,
        registryPollInterval: Duration = .seconds(1)
    ) {
        self.host = host
        self.port = port
        self.batchMaxFixes = batchMaxFixes
        self.batchMaxDelay = batchMaxDelay
        self.maxPendingBatches = maxPendingBatches
        self.vectorReadCount = vectorReadCount
        self.receiveBufferBytes = receiveBufferBytes
        self.maxFutureMillis = maxFutureMillis
        self.duplicateWindow = duplicateWindow
        self.registryPollInterval = registryPollInterval
    }
}
