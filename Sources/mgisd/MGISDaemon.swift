import ArgumentParser

/// `mgisd`: the MGIS server.
@main
struct MGISDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mgisd",
        abstract: "MGIS server: tracker ingest over UDP, live state, HTTP API.",
        subcommands: [Serve.self, Demo.self],
        defaultSubcommand: Serve.self
    )
}
