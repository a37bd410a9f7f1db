import ArgumentParser

/// `mgis-load trace`: makes trace files to replay, from GPX tracks or a synthetic fleet.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Make trace files for `mgis-load replay` (docs/TRACE.md).",
        subcommands: [TraceFromGPX.self, TraceGenerate.self]
    )
}
