import ArgumentParser
import MGISTrace
import NIOCore
import NIOPosix

/// `mgis-load teltonika`: plays the IMEIs of a fleet file as Teltonika FMB trackers (Codec 8 or
/// 8E, over UDP or TCP) against mgisd's Teltonika port and reports as `udp` does.
struct TeltonikaLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teltonika",
        abstract: "Send Teltonika Codec 8/8E AVL packets from a simulated fleet over UDP or TCP and measure the answers.",
        discussion: """
            The key file needs an imei column: make it with `mgis-load fleet --imei` and import \
            it with mgisctl. Each device is a patrol car driving around Lithuania. UDP: every \
            datagram is retransmitted byte-identical until ACKed (packet id = the device's index, \
            AVL packet id = its sequence number mod 256). TCP: one connection per device, IMEI \
            handshake, one frame at a time, each answered with its record count; a frame not \
            answered in time is re-sent on a new connection. An answer counts as stored when it \
            accepts all the packet's records, refused when it accepts none. Progress goes to \
            stderr once a second; the summary goes to stdout. Exit status: 0 normally, 3 when \
            --max-loss is exceeded, 4 when --max-p99-ms is exceeded (or nothing was answered).
            """
    )

    @Option(help: ArgumentHelp("The fleet file written by `mgis-load fleet --imei`.", valueName: "file.csv"))
    var keys: String

    @Option(help: ArgumentHelp("The server's Teltonika address (mgisd --teltonika-port).", valueName: "host:port"))
    var to: String

    @Option(help: "udp or tcp.")
    var transport: TeltonikaTransport

    @Option(help: "AVL codec: 8 or 8E (Codec 8 Extended).")
    var codec: TeltonikaCodecChoice = .codec8

    @Option(help: "Devices to simulate, the first N with an IMEI in the file (default: all).")
    var devices: Int?

    @Option(help: ArgumentHelp("Total fixes per second across the fleet; 0 sends as fast as possible.", valueName: "fixes-per-sec"))
    var rate: Double = 1000

    @Option(name: .customLong("records-per-packet"), help: "AVL records per datagram or frame, 1...50.")
    var recordsPerPacket: Int = 1

    @Option(help: "Seconds to send new packets; answers are awaited after that.")
    var duration: Double = 10

    @Option(
        name: .customLong("retransmit-ms"),
        help: "Milliseconds to wait for an answer before sending a packet again (default: 500 for udp, 2000 for tcp)."
    )
    var retransmitMillis: Int?

    @Option(name: .customLong("max-retransmits"), help: "Retransmissions of one packet before it counts as lost.")
    var maxRetransmits: Int = 10

    @Option(help: "UDP only: sockets (source ports) the fleet is spread over.")
    var sockets: Int = 1

    @OptionGroup var reportOptions: ReportOptions

    func validate() throws {
        if let devices, devices < 1 { throw ValidationError("--devices must be at least 1") }
        if let devices, transport == .udp, devices > TeltonikaUDPWire.maxDevices {
            throw ValidationError("--devices: UDP packet ids tell at most \(TeltonikaUDPWire.maxDevices) devices apart")
        }
        guard rate >= 0, rate.isFinite else { throw ValidationError("--rate must be 0 (as fast as possible) or more") }
        guard (1...50).contains(recordsPerPacket) else { throw ValidationError("--records-per-packet must be in 1...50") }
        guard duration > 0, duration <= 86_400 else { throw ValidationError("--duration must be in (0, 86400] seconds") }
        if let retransmitMillis, !(1...600_000).contains(retransmitMillis) {
            throw ValidationError("--retransmit-ms must be in 1...600000")
        }
        guard (0...1000).contains(maxRetransmits) else { throw ValidationError("--max-retransmits must be in 0...1000") }
        guard (1...64).contains(sockets) else { throw ValidationError("--sockets must be in 1...64") }
    }

    func run() async throws {
        let entries = try KeyFile.read(path: keys, for: .teltonika)
        let count = devices ?? entries.count
        guard count <= entries.count else {
            throw LoadError("--devices \(count) but \(keys) lists only \(entries.count) devices with an IMEI")
        }
        if transport == .udp, count > TeltonikaUDPWire.maxDevices {
            throw LoadError("\(keys): \(count) devices, but UDP packet ids tell at most \(TeltonikaUDPWire.maxDevices) apart; pass --devices")
        }
        let target = try TargetAddress(parsing: to).resolve()
        let imeis = entries.prefix(count).compactMap(\.imei)
        let plan = makePlan()
        if !reportOptions.quiet {
            StandardError.write(
                "mgis-load: \(count) Teltonika devices -> \(target) over \(transport.rawValue), codec \(codec.rawValue), "
                    + (rate > 0 ? "\(RunSummary.fixed(rate, 0)) fixes/s" : "as fast as possible")
                    + ", \(recordsPerPacket) records/packet, \(RunSummary.fixed(duration, 1)) s"
            )
        }

        // One thread, as for `udp`: all fleet state lives on its loop, and the server under test
        // needs the other cores more than we do.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let summary: RunSummary
        do {
            switch transport {
            case .udp:
                let channels = try await FleetSockets.bind(count: sockets, for: target, on: group)
                defer {
                    for channel in channels { channel.close(promise: nil) }
                }
                summary = try await LoadEngine.run(
                    plan: plan, wire: TeltonikaUDPWire(imeis: imeis, codec: codec.codecID),
                    channels: channels, target: target, showProgress: !reportOptions.quiet
                )
            case .tcp:
                summary = try await TeltonikaTCPEngine.run(
                    plan: plan, imeis: imeis, codec: codec.codecID, target: target,
                    loop: group.next(), showProgress: !reportOptions.quiet
                )
            }
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()

        try summary.writeReport(reportOptions, target: to, fixesPerSecond: rate > 0 ? rate : nil, fixesPerDatagram: recordsPerPacket)
        try summary.report(json: reportOptions.json, maxLoss: reportOptions.maxLoss, maxP99Millis: reportOptions.maxP99Millis)
    }

    private func makePlan() -> LoadPlan {
        let retransmitNanos = UInt64(retransmitMillis ?? (transport == .udp ? 500 : 2000)) * 1_000_000
        return LoadPlan(
            fixesPerSecond: rate > 0 ? rate : nil,
            fixesPerDatagram: recordsPerPacket,
            sendNanos: UInt64(duration * 1e9),
            retransmitNanos: retransmitNanos,
            maxRetransmits: maxRetransmits,
            // Long enough for the last packet to use up its retransmissions, plus 2 s.
            drainNanos: 2_000_000_000 + retransmitNanos * UInt64(maxRetransmits + 1),
            tick: .milliseconds(1),
            // AVL packet ids start at 1 and wrap at 256; TCP frames carry no id.
            firstSeq: 1
        )
    }
}
