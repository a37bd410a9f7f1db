import ArgumentParser
import MGISCore
import MGISTrace

/// `mgis-load trace gen`: a synthetic patrol fleet driving a road-like network, as a trace.
struct TraceGenerate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Generate a patrol fleet's trace: cars on a road-like network at realistic speeds, with stops, in one region."
    )

    @Option(help: "Devices (patrol cars).")
    var devices: Int

    @Option(help: "Hours of traffic.")
    var hours: Double

    @Option(help: "Seconds between a car's fixes.")
    var interval: Int = 10

    @Option(help: "Seed; the same seed gives the same trace.")
    var seed: UInt64 = 1

    @Option(name: .customLong("first-id"), help: "Device id of the first car.")
    var firstID: UInt32 = 1

    @Option(name: .customLong("fixes-per-datagram"), help: "Fixes per MTP/1 datagram, 1...50.")
    var fixesPerDatagram: Int = 1

    @Option(help: ArgumentHelp("The trace file to write.", valueName: "trace"))
    var out: String

    @Option(help: ArgumentHelp("Key file: read when it exists, else written with new keys for `mgisctl device import`.", valueName: "keys.csv"))
    var keys: String

    func validate() throws {
        guard (1...100_000).contains(devices) else { throw ValidationError("--devices must be in 1...100000") }
        guard hours > 0, hours <= 168 else { throw ValidationError("--hours must be in (0, 168]") }
        guard (1...3600).contains(interval) else { throw ValidationError("--interval must be in 1...3600 seconds") }
        guard (1...50).contains(fixesPerDatagram) else { throw ValidationError("--fixes-per-datagram must be in 1...50") }
    }

    func run() async throws {
        let ids = (0..<UInt32(devices)).map { firstID &+ $0 }
        let keyFile = try TraceKeys.load(or: keys, ids: ids)
        let generator = PatrolTraceGenerator(devices: devices, hours: hours, reportIntervalSeconds: interval, seed: seed)
        // Whole seconds: generated fix times then need no rounding to MTP/1's centiseconds.
        let start = WallClock.nowMillis() / 1000 * 1000
        let records: [TraceRecord]
        do {
            records = try generator.records(startMillis: start, keys: keyFile, firstDeviceID: firstID, fixesPerDatagram: fixesPerDatagram)
        } catch {
            throw LoadError("\(error)")
        }
        let label = "gen: \(devices) devices, \(hours) h, every \(interval) s, seed \(seed)"
        try TraceKeys.writeTrace(records, startMillis: start, to: out, label: label)
        StandardError.write("mgis-load: \(records.count) datagrams from \(devices) devices over \(hours) h -> \(out)")
    }
}
