import ArgumentParser
import MGISTrace
import NIOCore
import NIOPosix

/// `mgis-load replay`: sends a recorded (or generated) trace to a server and reports.
struct ReplayLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a trace file (mgisd --record, trace gen, trace from-gpx) against a server.",
        discussion: """
            Datagrams keep their recorded order and spacing, scaled by --speed. MTP/1 records go \
            to --to, Teltonika ones to --teltonika-to (skipped without it). Without --keys the \
            bytes are sent exactly as recorded; with --keys every MTP/1 datagram of a device in \
            that file is re-signed with its key (with --original-keys, only those that were \
            authentic when recorded). --shift-to-now moves each fix by the time from its recorded \
            arrival to its send, so replayed fixes are current (needs --keys for MTP/1). ACKs are \
            matched to report latency and loss as `udp` does. Exit status: 3 when --max-loss is \
            exceeded, 4 when --max-p99-ms is.
            """
    )

    @Argument(help: ArgumentHelp("The trace file; its segments FILE.1, FILE.2 ... follow.", valueName: "trace"))
    var trace: String

    @Option(help: ArgumentHelp("The server's MTP/1 address.", valueName: "host:port"))
    var to: String

    @Option(name: .customLong("teltonika-to"), help: ArgumentHelp("The server's Teltonika UDP address.", valueName: "host:port"))
    var teltonikaTo: String?

    @Option(help: "1 (as recorded), any whole factor (10 = ten times faster) or max (back to back).")
    var speed: String = "1"

    @Option(help: "Times to play the trace; each loop follows the last one's spacing.")
    var loop: Int = 1

    @Option(help: ArgumentHelp("The target server's key file; re-sign MTP/1 datagrams with it.", valueName: "keys.csv"))
    var keys: String?

    @Option(name: .customLong("original-keys"), help: ArgumentHelp("The recording server's key file: datagrams not authentic under it stay unauthentic.", valueName: "keys.csv"))
    var originalKeys: String?

    @Flag(name: .customLong("shift-to-now"), help: "Shift fix times so replayed fixes are current.")
    var shiftToNow = false

    @Option(name: .customLong("drain-ms"), help: "Milliseconds to wait for ACKs after the last datagram.")
    var drainMillis: Int = 2000

    @Option(help: ArgumentHelp(
        "At most N datagrams awaiting a reply (one unanswered for 1 s stops counting); 0: no limit. "
            + "Default: 2048 at --speed max, so that max means as fast as the server answers; no limit when paced.",
        valueName: "N"
    ))
    var window: Int?

    @OptionGroup var reportOptions: ReportOptions

    func validate() throws {
        _ = try replaySpeed()
        guard (1...1_000_000).contains(loop) else { throw ValidationError("--loop must be in 1...1000000") }
        guard (0...600_000).contains(drainMillis) else { throw ValidationError("--drain-ms must be in 0...600000") }
        if let window, !(0...10_000_000).contains(window) { throw ValidationError("--window must be in 0...10000000") }
        if originalKeys != nil, keys == nil { throw ValidationError("--original-keys needs --keys (the target's keys)") }
    }

    /// `--speed` as a `ReplaySpeed`.
    func replaySpeed() throws -> ReplaySpeed {
        if speed == "max" { return .unlimited }
        guard let factor = Int64(speed), factor >= 1 else {
            throw ValidationError("--speed must be a whole factor of 1 or more, or max; got '\(speed)'")
        }
        return .times(factor)
    }

    func run() async throws {
        let recording: (header: TraceHeader, records: [TraceRecord])
        do {
            recording = try TraceReader.readRecording(base: trace)
        } catch {
            throw LoadError("\(error)")
        }
        let records = recording.records
        guard !records.isEmpty else { throw LoadError("\(trace): the trace holds no datagrams") }
        let resigner = try makeResigner(hasMTP: records.contains { $0.kind == .mtp })
        let schedule = ReplaySchedule(records: records, speed: try replaySpeed(), loops: loop)
        let plan = ReplayPlan(
            records: records, schedule: schedule, resigner: resigner, shiftToNow: shiftToNow,
            recordedStartMillis: recording.header.startMillis + records[0].arrivalMicros / 1000,
            drainNanos: UInt64(drainMillis) * 1_000_000, maxPerTick: 4096,
            window: window ?? (schedule.speed == .unlimited ? 2048 : 0)
        )
        let mtpTarget = try TargetAddress(parsing: to).resolve()
        let teltonikaTarget = try teltonikaTo.map { text throws(LoadError) in try TargetAddress(parsing: text).resolve() }
        if !reportOptions.quiet {
            let teltonikaCount = records.count { $0.kind == .teltonikaUDP }
            StandardError.write(
                "mgis-load: replaying \(records.count) datagrams (\(teltonikaCount) Teltonika) x \(loop) at \(schedule.speed)"
                    + " -> \(mtpTarget)" + (teltonikaTarget.map { " and \($0)" } ?? "")
                    + (resigner != nil ? ", re-signed" : ", as recorded") + (shiftToNow ? ", times shifted to now" : "")
                    + (plan.window > 0 ? ", at most \(plan.window) awaiting a reply" : "")
            )
            if teltonikaCount > 0, teltonikaTarget == nil {
                StandardError.write("mgis-load: no --teltonika-to: the \(teltonikaCount) Teltonika datagrams are skipped")
            }
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let result: (RunSummary, notes: [String])
        do {
            let mtpChannel = try await FleetSockets.bind(count: 1, for: mtpTarget, on: group)[0]
            var teltonikaChannel: (any Channel)?
            if let teltonikaTarget { teltonikaChannel = try await FleetSockets.bind(count: 1, for: teltonikaTarget, on: group)[0] }
            defer {
                mtpChannel.close(promise: nil)
                teltonikaChannel?.close(promise: nil)
            }
            result = try await ReplayEngine.run(
                plan: plan,
                mtp: (mtpChannel, mtpTarget),
                teltonika: teltonikaChannel.flatMap { channel in teltonikaTarget.map { (channel, $0) } },
                showProgress: !reportOptions.quiet
            )
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()
        if !reportOptions.quiet { for note in result.notes { StandardError.write("mgis-load: " + note) } }
        let label = reportOptions.label.isEmpty ? "replay of \(trace) at \(schedule.speed)" : reportOptions.label
        var options = reportOptions
        options.label = label
        // The asked rate of a paced replay is the schedule's average; an unlimited one has none.
        let seconds = Double(schedule.durationMicros) / 1e6
        let asked = schedule.speed == .unlimited || seconds <= 0 ? nil : Double(schedule.count) / seconds
        try result.0.writeReport(options, target: to, fixesPerSecond: asked, fixesPerDatagram: 1)
        try result.0.report(json: reportOptions.json, maxLoss: reportOptions.maxLoss, maxP99Millis: reportOptions.maxP99Millis)
    }

    private func makeResigner(hasMTP: Bool) throws -> MTPResigner? {
        guard let keys else {
            if shiftToNow, hasMTP {
                throw LoadError("--shift-to-now re-signs MTP/1 datagrams: give the target's --keys")
            }
            // Teltonika only: a resigner with no keys shifts Teltonika times and leaves MTP/1 alone.
            return shiftToNow ? try MTPResigner(targetKeys: MGISTrace.KeyFile(entries: [])) : nil
        }
        let target = try KeyFile.traceKeys(path: keys)
        let original = try originalKeys.map { path throws(LoadError) in try KeyFile.traceKeys(path: path) }
        do {
            return try MTPResigner(targetKeys: target, originalKeys: original)
        } catch {
            throw LoadError("\(error)")
        }
    }
}
