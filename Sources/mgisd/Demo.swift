import ArgumentParser
import Foundation
import Logging
import MGISCore
import MGISHTTP
import MGISIngest
import MGISServer
import NIOCore
import MGISStore
import ServiceLifecycle
import UnixSignals

/// `mgisd demo`: the server with demo data and a simulated fleet sending real MTP/1 over UDP.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the server with demo data: registers demo trackers and drives them.",
        discussion: "Uses ./mgis-demo unless --data is given; the same options as serve apply."
    )

    @OptionGroup var options: ServeOptions

    @Option(help: "Simulated patrol cars (default 50).")
    var units: Int = 50

    func run() async throws {
        guard (1...5000).contains(units) else { throw ValidationError("--units must be 1...5000") }
        var (configuration, level) = try options.resolve(defaultData: "./mgis-demo")
        if options.host == nil { configuration.ingest.host = "127.0.0.1" }
        // The demo's patrols drive around Vilnius: its times read in Lithuania's zone.
        if options.timeZone == nil { configuration.http.timeZone = "Europe/Vilnius" }
        // Before any password or link is printed: a taken port ends the demo here, named.
        try ListeningPorts(configuration).checkFree()
        // The demo prints fresh passwords itself (DemoAccounts), so the first-start notice is not needed.
        configuration.initialAdminPassword = TokenFactory.password()
        let logger = ServeOptions.bootstrapProcess(level)
        logger.info("starting demo", metadata: configuration.startupMetadata)
        configuration.http.warnIfPlainOnNetwork(logger)
        let server = try MGISServer(configuration: configuration, logger: logger)
        let devices = try registerDemoDevices(in: server.store)
        try server.refreshLiveDirectory()
        let access = try DemoAccounts.prepare(in: server.store, unitCount: units, passwordCost: configuration.http.passwordCost)
        let seeded = try DemoViolations.seed(server.violations, now: WallClock.nowMillis())
        let tasks = try DemoTasks.seed(server.desk, store: server.store, now: WallClock.nowMillis())
        let fleet = DemoFleet(devices: devices, port: { [ingest = server.ingest] in await ingest.localAddress().port ?? 0 }, logger: logger)
        let base = "\(configuration.http.tls == nil ? "http" : "https")://localhost:\(configuration.http.port)"
        // Straight to the descriptor: print() would sit in a buffer when stdout is a file or pipe.
        FileHandle.standardOutput.write(Data(
            """
            MGIS demo: \(devices.count) patrol cars sending MTP/1 to UDP \(configuration.ingest.port).
              wall display   \(base)/display/?token=\(access.displayToken)
              dispatch       \(base)/dispatch/   patrol \(base)/patrol/   analysis \(base)/analysis/
              audit          \(base)/audit/   administration \(base)/admin/
              log in as      admin / \(access.adminPassword)
                             dispatcher / \(access.dispatcherPassword)   (\(tasks) demo tasks)
                             patrol-01 / \(access.patrolPassword)   (unit DEMO-01)
                             analyst / \(access.analystPassword)   (\(seeded) demo violations)
                             auditor / \(access.auditorPassword)
              health         \(base)/healthz
            (demo passwords and the display token are made anew at every demo start)

            """.utf8))
        try await ServiceGroup(
            configuration: .mgisd(services: server.services.map { .init(service: $0) } + [.init(service: fleet)], logger: logger)
        ).run()
    }

    /// Registers `demo-NN` devices that are missing and returns all demo devices with keys.
    private func registerDemoDevices(in store: Store) throws -> [(id: UInt32, key: [UInt8])] {
        var existing = Dictionary(uniqueKeysWithValues: try store.devices().map { ($0.name, $0) })
        var generator = SystemRandomNumberGenerator()
        for number in 1...units {
            let name = "demo-\(number < 10 ? "0" : "")\(number)"
            guard existing[name] == nil else { continue }
            let key = (0..<Device.keyLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            existing[name] = try store.addDevice(id: nil, name: name, key: key, nowMillis: WallClock.nowMillis())
        }
        // One unit per demo car, so the map shows mobile groups with call signs.
        let unitsByName = Dictionary(uniqueKeysWithValues: try store.units().map { ($0.name, $0) })
        for number in 1...units {
            let suffix = "\(number < 10 ? "0" : "")\(number)"
            guard let device = existing["demo-\(suffix)"], device.unitID == nil else { continue }
            let unit = try unitsByName["Demo group \(suffix)"]
                ?? store.createUnit(name: "Demo group \(suffix)", callSign: "DEMO-\(suffix)", homeStation: "Vilnius")
            try store.assignDevice(device.id, toUnit: unit.id)
        }
        return existing.values.filter { $0.name.hasPrefix("demo-") }.compactMap { device in
            device.key.map { key -> (id: UInt32, key: [UInt8]) in (device.id.rawValue, key) }
        }.sorted { $0.id < $1.id }.prefix(units).map { $0 }
    }
}
