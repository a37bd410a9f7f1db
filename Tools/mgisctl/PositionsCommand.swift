import ArgumentParser
import Foundation
import MGISAudit
import MGISCore
import MGISStore

struct PositionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "positions",
        abstract: "Read stored positions.",
        subcommands: [Export.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, geojson
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export one device's fixes, oldest first, to stdout.",
            discussion: "Times are RFC 3339 (2026-11-29T10:00:00Z) or Unix seconds; --to is inclusive. The export is recorded in the audit trail first; if that cannot be written, nothing is exported."
        )
        @OptionGroup var options: DataOptions
        @Option(help: "Device id.") var device: UInt32
        @Option(help: "Earliest fix time.") var from: String?
        @Option(help: "Latest fix time.") var to: String?
        @Option(help: "csv or geojson (default csv).") var format: Format = .csv

        func run() async throws {
            guard let id = DeviceID(rawValue: device) else { throw ValidationError("device id must be 1...4294967295") }
            let fromMillis = try from.map { try TimeArgument.millis($0, name: "--from") } ?? .min
            let toMillis = try to.map { try TimeArgument.millis($0, name: "--to") } ?? .max
            let store = try options.openStore()
            guard try store.device(id) != nil else { throw CommandError("no device with id \(id)") }
            let fixes = try store.fixes(device: id, from: fromMillis, to: toMillis)
            // Fail closed: the export is on record before any of its data leaves.
            do {
                _ = try await AuditStore(configuration: AuditStoreConfiguration(dataDirectory: options.directory)).append([
                    AuditEvent(
                        actor: "mgisctl:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown"), actorID: nil, roles: [],
                        action: .dataExport, method: nil, route: "mgisctl positions export", objectIDs: ["\(id)"],
                        query: ["from": from ?? "", "to": to ?? "", "format": format.rawValue], status: nil, durationMillis: nil,
                        clientAddress: nil, outcome: .ok, details: ["fixes": "\(fixes.count)"]
                    )
                ])
            } catch {
                throw CommandError("the audit trail cannot be written, so nothing is exported: \(error)")
            }
            switch format {
            case .csv: print(PositionExport.csv(fixes), terminator: "")
            case .geojson: print(PositionExport.geoJSON(fixes, device: id))
            }
        }
    }
}

enum TimeArgument {
    static func millis(_ text: String, name: String) throws -> Int64 {
        if let seconds = Int64(text) { return seconds * 1000 }
        if let millis = RFC3339.millis(text) { return millis }
        throw ValidationError("\(name): '\(text)' is neither RFC 3339 nor Unix seconds")
    }
}
