import Foundation
import MGISCore
import MGISProtocol
import MGISStore
import MGISTestSupport
import Testing

extension EndToEnd {

/// mgisd's Teltonika future allowance: 60 s by default (MTP/1 keeps its 300 s), and
/// `--teltonika-future-seconds` changes it.
@Suite struct TeltonikaFutureTests {
    static let imei = "356307042441013"

    /// Sends one packet with a record `ahead` ms in the future to a fresh daemon; returns the
    /// records its ACK counts (nil: no ACK).
    static func acceptedRecords(ahead: Int64, extra: [String] = []) async throws -> UInt8? {
        let data = try ControlToolTests.directory()
        let store = try Store(configuration: StoreConfiguration(path: data + "/mgis.sqlite"))
        try store.addDevice(id: DeviceID(unchecked: 7), name: "fmb-7", key: nil, imei: imei, nowMillis: WallClock.nowMillis())
        let daemon = try Daemon(dataDirectory: data, extra: extra)
        defer { daemon.terminate() }
        try await daemon.waitUntilHealthy()
        let record = TeltonikaRecord(
            timestamp: UInt64(WallClock.nowMillis() + ahead), priority: 0, longitude: 252_797_000, latitude: 546_872_000,
            altitude: 110, angle: 90, satellites: 9, speed: 40, eventIOID: 0, ioElements: []
        )
        let packet = TeltonikaCodec.encodeUDP(
            packetID: 1, avlPacketID: 1, imei: imei, avl: TeltonikaAVLData(codecID: .codec8, records: [record])
        )
        return await UDPTestClient(port: daemon.teltonikaPort).exchange(packet)?.last
    }

    @Test func testDefaultAllowanceIsSixtySeconds() async throws {
        #expect(try await Self.acceptedRecords(ahead: 90_000) == 0, "90 s ahead is refused by default")
        #expect(try await Self.acceptedRecords(ahead: 90_000, extra: ["--teltonika-future-seconds", "120"]) == 1)
    }
}
}
