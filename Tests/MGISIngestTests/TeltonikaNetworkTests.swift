import MGISCore
import MGISIngest
import MGISProtocol
import MGISServer
import MGISStore
import MGISTestSupport
import NIOCore
import Testing

/// A Teltonika tracker's IMEI is its only credential; a tracker registered with allowed source
/// networks is heard only from those: from elsewhere its UDP packets get no answer and its TCP
/// handshake is refused (00), both counted under reason "network" and nothing stored.
@Suite struct TeltonikaNetworkTests {
    static let device = DeviceID(unchecked: 801)
    static let elsewhere = [IPNetwork("10.9.9.0/24")!, IPNetwork("2001:db8::/32")!]
    static let loopback = [IPNetwork("127.0.0.0/8")!]

    @Test func testUDPFromOutsideTheNetworksIsDroppedAndCounted() async throws {
        try await TeltonikaUDPTests.withServer { server, port async throws in
            try await TeltonikaUDPTests.register(server, id: 801)
            try server.store.setAllowedNetworks(Self.device, Self.elsewhere)
            try await server.server.teltonika?.reloadRegistry()
            let client = UDPTestClient(port: port)
            let packet = TeltonikaUDPTests.packet(packetID: 1, avlPacketID: 1, records: TeltonikaUDPTests.records(count: 1))
            #expect(await client.exchange(packet, timeoutMilliseconds: 500) == nil, "no answer from elsewhere")
            // Counted on the event loop as it arrives; on a loaded machine, a moment after the send.
            for _ in 0..<500 where server.metric("mgis_teltonika_refused_total", reason: "network") < 1 {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(server.metric("mgis_teltonika_refused_total", reason: "network") == 1)
            #expect(try server.store.fixes(device: Self.device).isEmpty)

            try server.store.setAllowedNetworks(Self.device, Self.elsewhere + Self.loopback)
            try await server.server.teltonika?.reloadRegistry()
            #expect(await client.exchange(packet) == [0x00, 0x05, 0x00, 0x01, 0x01, 0x01, 0x01])
            #expect(try server.store.fixes(device: Self.device).count == 1)
        }
    }

    @Test func testTCPHandshakeFromOutsideTheNetworksIsRefusedAndCounted() async throws {
        try await TeltonikaTCPTests.withServer { server, port async throws in
            try await TeltonikaTCPTests.register(server, id: 801)
            try server.store.setAllowedNetworks(Self.device, Self.elsewhere)
            try server.server.teltonikaTCP?.reloadRegistry()
            let refused = try TCPTestClient(port: port)
            #expect(await refused.exchange(TeltonikaCodec.encodeIMEIHandshake(TeltonikaTCPTests.imei), replyCount: 1) == .bytes([0x00]))
            #expect(server.metric("mgis_teltonika_tcp_refused_total", reason: "network") == 1)
            try server.store.setAllowedNetworks(Self.device, Self.loopback)
            try server.server.teltonikaTCP?.reloadRegistry()
            _ = try await TeltonikaTCPTests.connect(port: port)
        }
    }
}
