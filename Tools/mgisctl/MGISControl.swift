import ArgumentParser

/// `mgisctl`: administers an MGIS data directory, whether or not mgisd is running on it.
@main
struct MGISControl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mgisctl",
        abstract: "Administer MGIS: devices, users, tokens, position exports and the audit trail.",
        discussion: "Works on the data directory directly (SQLite in WAL mode), so it works whether or not mgisd runs; mgisd picks up device changes within 2 s.",
        subcommands: [DeviceCommand.self, PositionsCommand.self, UserCommand.self, AuditCommand.self]
    )
}

/// The data directory option every subcommand takes.
struct DataOptions: ParsableArguments {
    @Option(help: "Data directory of mgisd (default: $MGIS_DATA or ./mgis-data).")
    var data: String?
}
