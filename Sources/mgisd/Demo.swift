import ArgumentParser
import Logging
import MGISCore
import MGISHTTP
import MGISIngest
import MGISServer
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
        let logger = ServeOptions.bootstrapLogging(level)
        logger.info("starting demo", metadata: configuration.startupMetadata)
        let server = try MGISServer(configuration: configuration, logger: logger)
        let devices = try registerDemoDevices(in: server.store)
        let fleet = DemoFleet(devices: devices, port: configuration.ingest.port, logger: logger)
        print("MGIS demo: \(devices.count) patrol cars sending MTP/1 to UDP \(configuration.ingest.port);")
        print("  health http://localhost:\(configuration.http.port)/healthz  metrics http://localhost:\(configuration.http.port)/metrics")
        try await ServiceGroup(
            configuration: .init(
                services: server.services.map { .init(service: $0) } + [.init(service: fleet)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
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
        return existing.values.filter { $0.name.hasPrefix("demo-") }.compactMap { device in
            device.key.map { key -> (id: UInt32, key: [UInt8]) in (device.id.rawValue, key) }
        }.sorted { $0.id < $1.id }.prefix(units).map { $0 }
    }
}
