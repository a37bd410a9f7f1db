import ArgumentParser
import Foundation
import MGISTrace

/// `mgis-load trace from-gpx`: GPX 1.1 tracks (phones, GPS loggers) as an MTP/1 trace, one
/// device per track, in the order given.
struct TraceFromGPX: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "from-gpx",
        abstract: "Turn GPX 1.1 tracks into a trace: one device per track, datagrams when their fixes were taken."
    )

    @Argument(help: ArgumentHelp("GPX files; their tracks become devices in order.", valueName: "file.gpx"))
    var files: [String]

    @Option(help: ArgumentHelp("The trace file to write.", valueName: "trace"))
    var out: String

    @Option(help: ArgumentHelp("Key file to sign with: read when it exists (devices from --first-id must be in it), else written with new keys for `mgisctl device import`.", valueName: "keys.csv"))
    var keys: String?

    @Option(name: .customLong("first-id"), help: "Device id of the first track.")
    var firstID: UInt32 = 1

    @Option(name: .customLong("fixes-per-datagram"), help: "Fixes per MTP/1 datagram, 1...50.")
    var fixesPerDatagram: Int = 1

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one GPX file") }
        guard firstID >= 1 else { throw ValidationError("--first-id must be at least 1") }
        guard (1...50).contains(fixesPerDatagram) else { throw ValidationError("--fixes-per-datagram must be in 1...50") }
    }

    func run() async throws {
        var tracks: [GPXTrack] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw LoadError("cannot read \(file)") }
            do {
                tracks += try GPXDocument.parse(String(decoding: data, as: UTF8.self)).tracks
            } catch {
                throw LoadError("\(file): \(error)")
            }
        }
        guard !tracks.isEmpty else { throw LoadError("no tracks in \(files.joined(separator: ", "))") }
        let ids = (0..<UInt32(tracks.count)).map { firstID &+ $0 }
        let keyFile = try TraceKeys.load(or: keys, ids: ids)
        let converted: GPXTrace
        do {
            converted = try GPXToTrace(keys: keyFile, firstDeviceID: firstID, fixesPerDatagram: fixesPerDatagram)
                .convert(GPXDocument(tracks: tracks))
        } catch {
            throw LoadError("\(error)")
        }
        try TraceKeys.writeTrace(converted.records, startMillis: converted.startMillis, to: out, label: "from GPX: " + files.joined(separator: " "))
        StandardError.write("mgis-load: \(converted.records.count) datagrams from \(tracks.count) tracks (devices \(ids.first!)...\(ids.last!)) -> \(out)")
    }
}
