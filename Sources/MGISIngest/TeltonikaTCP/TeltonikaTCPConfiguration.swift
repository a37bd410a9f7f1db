public import NIOCore

/// How the Teltonika TCP listener binds and treats its connections.
public struct TeltonikaTCPConfiguration: Sendable {
    /// Address to bind; "0.0.0.0" for all IPv4 interfaces, "::" for all.
    public var host: String
    /// The TCP port: the Teltonika UDP port number (5027 by default). 0 takes the port the
    /// Teltonika UDP listener got, so tests keep both transports on one number.
    public var port: Int
    /// A connection on which no complete message arrives for this long is closed. FMB trackers
    /// keep their link open between records (their "open link timeout" defaults to 300 s).
    public var idleTimeout: TimeAmount
    /// Connections beyond this many are closed as soon as they are accepted.
    public var maxConnections: Int
    /// Connections from one source address beyond this many are closed as soon as they are
    /// accepted, so one host cannot take the slots of the whole fleet. A tracker needs one; a few
    /// more cover reconnects while the old connection times out, and trackers behind one NAT.
    public var maxConnectionsPerAddress: Int
    /// A record further in the future than this is not stored; its frame is answered with 0.
    /// Smaller than MTP/1's 300 s: Teltonika records carry no authentication (`--teltonika-future-seconds`).
    public var maxFutureMillis: Int64
    /// Frames remembered per device in memory for duplicate detection.
    public var duplicateWindow: Int
    /// How often the device registry is checked for changes made by mgisctl.
    public var registryPollInterval: Duration

    public init(
        host: String = "0.0.0.0",
        port: Int = 5027,
        idleTimeout: TimeAmount = .seconds(300),
        maxConnections: Int = 10_000,
        maxConnectionsPerAddress: Int = 64,
        maxFutureMillis: Int64 = UDPIngestConfiguration.teltonikaMaxFutureMillis,
        duplicateWindow: Int = 1024,
        registryPollInterval: Duration = .seconds(1)
    ) {
        self.host = host
        self.port = port
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
        self.maxFutureMillis = maxFutureMillis
        self.duplicateWindow = duplicateWindow
        self.registryPollInterval = registryPollInterval
    }
}
