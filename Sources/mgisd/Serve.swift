import ArgumentParser
import Logging
import MGISServer
import ServiceLifecycle
import UnixSignals

/// `mgisd serve`: runs the server until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the server.",
        discussion: """
            Every option can also be set by an environment variable MGIS_<OPTION> (for example \
            MGIS_UDP_PORT=5055) or by a line 'option = value' in the config file (--config or \
            MGIS_CONFIG). The command line wins over the environment, which wins over the file.

            With --tls-cert and --tls-key the HTTP port speaks HTTPS only; SIGHUP reads both files \
            again (new connections get the new certificate; a pair that does not load is logged and \
            the old one kept).

            SIGINT/SIGTERM stop reading, commit and acknowledge what is pending, sign a last audit \
            checkpoint, and exit (at most 15 s of graceful shutdown).

            First start on a new data directory creates user 'admin' and prints its password once.
            """
    )

    @OptionGroup var options: ServeOptions

    func run() async throws {
        let (configuration, level) = try options.resolve()
        try ListeningPorts(configuration).checkFree()
        let logger = ServeOptions.bootstrapProcess(level)
        logger.info("starting", metadata: configuration.startupMetadata)
        configuration.http.warnIfPlainOnNetwork(logger)
        let server = try MGISServer(configuration: configuration, logger: logger)
        try await ServiceGroup(
            configuration: .mgisd(services: server.services.map { .init(service: $0) }, logger: logger)
        ).run()
        logger.info("stopped")
    }
}
