import ArgumentParser

/// `mgis-load`: a load tester that plays a fleet of patrol trackers against mgisd.
///
/// `fleet` makes the key file an operator imports into the server; `udp` (MTP/1) and
/// `teltonika` (Codec 8/8E over UDP or TCP) then drive the fleet from that same file, so the
/// tester and the server agree on every device key and IMEI. `trace` makes trace files (from
/// GPX or a synthetic fleet) and `replay` plays them, or what `mgisd serve --record` recorded.
@main
struct MGISLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mgis-load",
        abstract: "Load tester for the MGIS tracker ingest: simulated patrol cars over MTP/1 UDP and Teltonika UDP/TCP.",
        subcommands: [Fleet.self, UDPLoad.self, TeltonikaLoad.self, ReplayLoad.self, TraceCommand.self, LiveLoad.self, StoreBench.self, APIServer.self, AuditBench.self]
    )
}
