import Foundation
public import Logging
import MGISCore
import MGISProtocol
import NIOCore
import NIOPosix
public import ServiceLifecycle

/// Simulated patrol cars for `mgisd demo`: each sends a real, signed MTP/1 datagram with its
/// fix every `interval` to the server's own UDP port, so the demo exercises the real ingest path.
public struct DemoFleet: Service {
    /// One simulated car: its device, key and motion.
    struct Car {
        var id: UInt32
        var authenticator: MTPAuthenticator
        var seq: UInt32 = 1
        var lat: Double
        var lon: Double
        var headingDegrees: Double
        var speedMetersPerSecond: Double
    }

    private let devices: [(id: UInt32, key: [UInt8])]
    private let port: @Sendable () async -> Int
    private let interval: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - devices: the registered demo devices and their keys.
    ///   - port: the local MTP/1 port, once it is bound (with `--udp-port 0` it is known only then).
    public init(devices: [(id: UInt32, key: [UInt8])], port: @escaping @Sendable () async -> Int, interval: Duration = .seconds(1), logger: Logger) {
        self.devices = devices
        self.port = port
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        var generator = SystemRandomNumberGenerator()
        var cars = devices.map { device in
            Car(
                id: device.id, authenticator: MTPAuthenticator(key: device.key),
                lat: Double.random(in: 54.2...56.2, using: &generator), lon: Double.random(in: 21.5...26.4, using: &generator),
                headingDegrees: Double.random(in: 0..<360, using: &generator),
                speedMetersPerSecond: Double.random(in: 8...30, using: &generator)
            )
        }
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let target = try SocketAddress(ipAddress: "127.0.0.1", port: await port())
        logger.info("demo fleet driving", metadata: ["cars": "\(cars.count)"])
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = WallClock.nowMillis() / 10 * 10
            for index in cars.indices {
                cars[index].drive(seconds: seconds, using: &generator)
                let bytes = MTPCodec.encode(
                    device: cars[index].id, seq: cars[index].seq, fixes: [cars[index].fix(at: now)],
                    authenticator: cars[index].authenticator
                )
                cars[index].seq &+= 1
                channel.write(AddressedEnvelope(remoteAddress: target, data: channel.allocator.buffer(bytes: bytes)), promise: nil)
            }
            channel.flush()
            try? await Task.sleep(for: interval)
        }
        try? await channel.close()
    }
}

extension DemoFleet.Car {
    /// Drives on for `seconds`: smooth turns, speed changes, and turning back at Lithuania's edges.
    mutating func drive(seconds: Double, using generator: inout some RandomNumberGenerator) {
        headingDegrees += Double.random(in: -12...12, using: &generator)
        speedMetersPerSecond = min(33, max(0, speedMetersPerSecond + Double.random(in: -2...2, using: &generator)))
        if lat < 54.0 || lat > 56.4 || lon < 21.0 || lon > 26.8 {
            headingDegrees = atan2(25.0 - lon, 55.2 - lat) * 180 / .pi
        }
        headingDegrees = (headingDegrees.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
        let distance = speedMetersPerSecond * seconds
        let radians = headingDegrees * .pi / 180
        lat += distance * cos(radians) / 111_320
        lon += distance * sin(radians) / (111_320 * cos(lat * .pi / 180))
    }

    func fix(at millis: Int64) -> Fix {
        Fix(
            timeMillis: millis,
            latE7: Int32((lat * 1e7).rounded()),
            lonE7: Int32((lon * 1e7).rounded()),
            speedCmS: UInt16(speedMetersPerSecond * 100),
            headingCentiDeg: UInt16(headingDegrees * 100) % 36_000,
            altitudeM: 120,
            hdopTenths: 9,
            satellites: 11,
            flags: speedMetersPerSecond > 0.5 ? [.fixValid, .ignition, .moving, .externalPower] : [.fixValid, .ignition, .externalPower],
            batteryPercent: 95
        )
    }
}
