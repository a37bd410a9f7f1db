import ArgumentParser

/// `mgis-load`: a load tester that plays a fleet of MTP/1 patrol trackers against mgisd.
///
/// `fleet` makes the key file an operator imports into the server; `udp` then drives the
/// fleet from that same file, so the tester and the server agree on every device key.
@main
struct MGISLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mgis-load",
        abstract: "Load tester for the MGIS tracker ingest: simulated patrol cars over MTP/1 UDP.",
        subcommands: [Fleet.self, UDPLoad.self, LiveLoad.self, StoreBench.self, APIServer.self, AuditBench.self]
    )
}
