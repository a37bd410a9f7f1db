import ArgumentParser
import Foundation
import Logging
import MGISCore
import MGISHTTP
import MGISIngest
import MGISServer
import MGISStore
import ServiceLifecycle
import UnixSignals

/// `mgis-load api-server`: an in-process MGIS server for measuring what the audit trail costs
/// per API request (`Load/bench/api.sh` runs wrk against it twice).
///
/// mgisd itself cannot run without the trail; only this benchmark server can, set in code.
struct APIServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-server",
        abstract: "Benchmark server: MGIS with or without request auditing; prints an admin token, runs until SIGTERM."
    )

    @Option(help: "on or off: record HTTP requests in the audit trail.") var audit: String = "on"
    @Option(help: "HTTP port.") var port: Int = 38090
    @Option(help: "Units to create, so list requests return real data.") var units: Int = 50

    func run() async throws {
        guard audit == "on" || audit == "off" else { throw ValidationError("--audit is on or off") }
        let directory = NSTemporaryDirectory() + "mgis-api-bench-" + UUID().uuidString
        var configuration = ServerConfiguration(dataDirectory: directory)
        configuration.http.host = "127.0.0.1"
        configuration.http.port = port
        configuration.ingest.host = "127.0.0.1"
        configuration.ingest.port = 0
        configuration.initialAdminPassword = TokenFactory.password()
        configuration.auditHTTPRequests = audit == "on"
        var logger = Logger(label: "api-server")
        logger.logLevel = .warning
        let server = try MGISServer(configuration: configuration, logger: logger)
        for number in 0..<units {
            _ = try server.store.createUnit(name: "Bench unit \(number)", callSign: "B-\(number)", homeStation: "Vilnius")
        }
        let admin = try server.store.user(named: "admin")!
        let generated = TokenFactory.generate()
        let now = WallClock.nowMillis()
        _ = try server.store.insertToken(hash: generated.hash, userID: admin.id, kind: .issued, label: "bench", nowMillis: now, expiresMillis: now + 86_400_000)
        FileHandle.standardOutput.write(Data("token \(generated.token)\n".utf8))
        try await ServiceGroup(
            configuration: .init(
                services: server.services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
            )
        ).run()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
