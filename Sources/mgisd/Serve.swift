import ArgumentParser
import Logging
import MGISIngest
import MGISServer
import MGISStore
import NIOCore
import ServiceLifecycle
import UnixSignals
import MGISHTTP

/// `mgisd serve`: runs the server until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the server.",
        discussion: """
            Every option can also be set by an environment variable MGIS_<OPTION> (for example
            MGIS_UDP_PORT=5055) or by a line 'option = value' in the config file (--config or
            MGIS_CONFIG). The command line wins over the environment, which wins over the file.
            SIGINT/SIGTERM stop reading, commit and acknowledge what is pending, and exit.
            """
    )

    @Option(help: "Config file of 'option = value' lines.")
    var config: String?

    @Option(help: "Data directory holding mgis.sqlite (default ./mgis-data).")
    var data: String?

    @Option(help: "Address to bind the UDP and HTTP listeners to (default 0.0.0.0).")
    var host: String?

    @Option(name: .customLong("udp-port"), help: "MTP/1 UDP port (default 5055).")
    var udpPort: Int?

    @Option(name: .customLong("http-port"), help: "HTTP port for /healthz, /metrics and the API (default 8080).")
    var httpPort: Int?

    @Option(name: .customLong("batch-fixes"), help: "Commit a batch once it holds this many fixes (default 4096).")
    var batchFixes: Int?

    @Option(name: .customLong("batch-ms"), help: "Commit a batch at most this many ms after its first datagram (default 5).")
    var batchMs: Int?

    @Option(help: "SQLite synchronous mode: FULL (fsync every commit; an ACK survives power loss) or NORMAL (default FULL).")
    var synchronous: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    func run() async throws {
        let settings = try SettingSources(configPath: config)
        let levelName = settings.string("log-level", cli: logLevel, default: "info")
        guard let level = Logger.Level(rawValue: levelName) else { throw ValidationError("unknown log level '\(levelName)'") }
        let syncName = settings.string("synchronous", cli: synchronous, default: "FULL").uppercased()
        guard let syncMode = StoreConfiguration.Synchronous(rawValue: syncName) else {
            throw ValidationError("synchronous must be FULL or NORMAL, not '\(syncName)'")
        }
        let host = settings.string("host", cli: host, default: "0.0.0.0")
        var ingest = UDPIngestConfiguration(host: host)
        ingest.port = try settings.int("udp-port", cli: udpPort, default: 5055, range: 0...65535)
        ingest.batchMaxFixes = try settings.int("batch-fixes", cli: batchFixes, default: 4096, range: 1...100_000)
        ingest.batchMaxDelay = .milliseconds(Int64(try settings.int("batch-ms", cli: batchMs, default: 5, range: 0...10_000)))
        let configuration = ServerConfiguration(
            dataDirectory: settings.string("data", cli: data, default: "./mgis-data"),
            ingest: ingest,
            http: .init(host: host, port: try settings.int("http-port", cli: httpPort, default: 8080, range: 0...65535)),
            synchronous: syncMode
        )

        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "mgisd")
        logger.info(
            "starting",
            metadata: [
                "data": "\(configuration.dataDirectory)", "udp.port": "\(configuration.ingest.port)",
                "http.port": "\(configuration.http.port)", "batch.fixes": "\(configuration.ingest.batchMaxFixes)",
                "batch.ms": "\(configuration.ingest.batchMaxDelay.nanoseconds / 1_000_000)", "synchronous": "\(syncName)",
            ]
        )
        let server = try MGISServer(configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: server.services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
        logger.info("stopped")
    }
}
