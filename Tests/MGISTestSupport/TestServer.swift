import Foundation
import Logging
public import MGISCore
import MGISHTTP
import MGISIngest
import MGISLive
public import MGISServer
import NIOCore
import Prometheus
public import MGISProtocol
public import MGISStore
import ServiceLifecycle

/// Runs a real MGIS server (UDP, SQLite file, HTTP) in-process on free loopback ports.
public struct TestServer: Sendable {
    public let server: MGISServer
    public let udpPort: Int
    public let httpPort: Int
    /// The first admin's password in every test server.
    public static let adminPassword = "admin-password-for-tests"

    public var store: Store { server.store }

    public static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "mgis-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts a server on `directory`, runs `body`, then shuts it down gracefully.
    public static func with<T: Sendable>(
        directory: String,
        tune: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (TestServer) async throws -> T
    ) async throws -> T {
        var configuration = ServerConfiguration(
            dataDirectory: directory,
            ingest: UDPIngestConfiguration(host: "127.0.0.1", port: 0, registryPollInterval: .milliseconds(200)),
            http: .init(host: "127.0.0.1", port: 0, passwordCost: 4, liveTickMilliseconds: 50),
            initialAdminPassword: adminPassword
        )
        tune(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let server = try MGISServer(configuration: configuration, logger: logger)
        let group = ServiceGroup(services: server.services, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let udp = await server.ingest.localAddress().port ?? 0
            let http = await server.boundHTTPPort()
            do {
                let result = try await body(TestServer(server: server, udpPort: udp, httpPort: http))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// Registers a device with a fresh random key.
    /// Returns once the ingest registry has picked it up.
    public func addDevice(_ id: UInt32, name: String? = nil) async throws -> MTPAuthenticator {
        let key = (0..<32).map { _ in UInt8.random(in: 0...255) }
        try store.addDevice(id: DeviceID(rawValue: id), name: name ?? "dev-\(id)", key: key, nowMillis: WallClock.nowMillis())
        try await server.ingest.reloadRegistry()
        return MTPAuthenticator(key: key)
    }

    /// The value of one Prometheus sample, 0 when absent.
    public func metric(_ name: String, reason: String? = nil) -> Double {
        let text = server.metricsRegistry.emitToString()
        let prefix = reason.map { "\(name){reason=\"\($0)\"} " } ?? "\(name) "
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            return Double(line.dropFirst(prefix.count)) ?? 0
        }
        return 0
    }
}

/// Plausible fixes near Vilnius at the current time.
public enum Fixes {
    public static func make(count: Int, start: Int64 = WallClock.nowMillis() / 10 * 10, seed: Int32 = 0) -> [Fix] {
        (0..<count).map { index in
            Fix(
                timeMillis: start + Int64(index) * 1000,
                latE7: 546_872_000 + Int32(index) * 100 + seed,
                lonE7: 252_797_000 - Int32(index) * 100,
                speedCmS: 1_200,
                headingCentiDeg: 27_000,
                altitudeM: 110,
                hdopTenths: 9,
                satellites: 10,
                flags: [.fixValid, .ignition, .moving],
                batteryPercent: 90
            )
        }
    }
}
