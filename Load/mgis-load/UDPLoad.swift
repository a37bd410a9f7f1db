import ArgumentParser
import MGISTrace
import NIOCore
import NIOPosix

/// `mgis-load udp`: plays the fleet of a key file against an MTP/1 server and reports.
struct UDPLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udp",
        abstract: "Send MTP/1 POSITIONS datagrams from a simulated fleet and measure the ACKs.",
        discussion: """
            Each device of the key file is a patrol car driving around Lithuania. Datagrams are \
            retransmitted byte-identical until acknowledged, as tracker firmware does, and count \
            as lost after the last retransmission. Progress goes to stderr once a second; the \
            summary goes to stdout. Exit status: 0 normally, 3 when --max-loss is exceeded, \
            4 when --max-p99-ms is exceeded (or nothing was acknowledged at all).
            """
    )

    @Option(help: ArgumentHelp("The fleet key file written by `mgis-load fleet`.", valueName: "file.csv"))
    var keys: String

    @Option(help: ArgumentHelp("The server's MTP/1 address.", valueName: "host:port"))
    var to: String

    @Option(help: "Devices to simulate, the first N of the key file (default: all).")
    var devices: Int?

    @Option(help: ArgumentHelp("Total fixes per second across the fleet; 0 sends as fast as possible.", valueName: "fixes-per-sec"))
    var rate: Double = 1000

    @Option(name: .customLong("fixes-per-datagram"), help: "Position records per datagram, 1...50.")
    var fixesPerDatagram: Int = 1

    @Option(help: "Seconds to send new datagrams; ACKs are awaited after that.")
    var duration: Double = 10

    @Option(name: .customLong("retransmit-ms"), help: "Milliseconds to wait for an ACK before sending a datagram again.")
    var retransmitMillis: Int = 500

    @Option(name: .customLong("max-retransmits"), help: "Retransmissions of one datagram before it counts as lost.")
    var maxRetransmits: Int = 10

    @Option(
        name: .customLong("first-seq"),
        help: """
            Seq of each device's first datagram. Every run starts at 1 like a factory-reset \
            tracker; start above the previous run's last seq to avoid exercising the server's \
            seq-reuse path on repeated runs against the same data.
            """
    )
    var firstSeq: UInt32 = 1

    @Option(help: "UDP sockets (source ports) the fleet is spread over.")
    var sockets: Int = 1

    @OptionGroup var reportOptions: ReportOptions

    func validate() throws {
        if let devices, devices < 1 { throw ValidationError("--devices must be at least 1") }
        guard rate >= 0, rate.isFinite else { throw ValidationError("--rate must be 0 (as fast as possible) or more") }
        guard (1...50).contains(fixesPerDatagram) else { throw ValidationError("--fixes-per-datagram must be in 1...50") }
        guard duration > 0, duration <= 86_400 else { throw ValidationError("--duration must be in (0, 86400] seconds") }
        guard (1...600_000).contains(retransmitMillis) else { throw ValidationError("--retransmit-ms must be in 1...600000") }
        guard (0...1000).contains(maxRetransmits) else { throw ValidationError("--max-retransmits must be in 0...1000") }
        guard firstSeq >= 1 else { throw ValidationError("--first-seq must be at least 1") }
        guard (1...64).contains(sockets) else { throw ValidationError("--sockets must be in 1...64") }
    }

    func run() async throws {
        let entries = try KeyFile.read(path: keys, for: .mtp)
        let count = devices ?? entries.count
        guard count <= entries.count else {
            throw LoadError("--devices \(count) but \(keys) lists only \(entries.count) devices")
        }
        let target = try TargetAddress(parsing: to).resolve()
        let fleet = entries.prefix(count).compactMap(SimulatedDevice.init)
        let retransmitNanos = UInt64(retransmitMillis) * 1_000_000
        let plan = LoadPlan(
            fixesPerSecond: rate > 0 ? rate : nil,
            fixesPerDatagram: fixesPerDatagram,
            sendNanos: UInt64(duration * 1e9),
            retransmitNanos: retransmitNanos,
            maxRetransmits: maxRetransmits,
            // Long enough for the last datagram to use up its retransmissions, plus 2 s.
            drainNanos: 2_000_000_000 + retransmitNanos * UInt64(maxRetransmits + 1),
            tick: .milliseconds(1),
            firstSeq: firstSeq
        )
        if !reportOptions.quiet {
            StandardError.write(
                "mgis-load: \(count) devices -> \(target), "
                    + (rate > 0 ? "\(RunSummary.fixed(rate, 0)) fixes/s" : "as fast as possible")
                    + ", \(fixesPerDatagram) fixes/datagram, \(RunSummary.fixed(duration, 1)) s"
            )
        }

        // One thread: all fleet state lives on its loop, and on a small machine the server
        // under test needs the other cores more than we do.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let summary: RunSummary
        do {
            let channels = try await FleetSockets.bind(count: sockets, for: target, on: group)
            defer {
                for channel in channels { channel.close(promise: nil) }
            }
            summary = try await LoadEngine.run(
                plan: plan, wire: MTPWire(devices: fleet), channels: channels, target: target, showProgress: !reportOptions.quiet
            )
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()

        try summary.writeReport(reportOptions, target: to, fixesPerSecond: rate > 0 ? rate : nil, fixesPerDatagram: fixesPerDatagram)
        try summary.report(json: reportOptions.json, maxLoss: reportOptions.maxLoss, maxP99Millis: reportOptions.maxP99Millis)
    }
}
