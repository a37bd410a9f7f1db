import MGISCore
import MGISIngest
import MGISLive
import MGISProtocol
import MGISServer
import MGISStore
import MGISTestSupport
import NIOCore
import Testing

/// A Teltonika packet carries no authentication, so whoever knows an IMEI can send records in a
/// unit's name. Records further ahead than the Teltonika allowance (60 s by default) are not
/// stored, and a record stamped ahead of its arrival is stored but never becomes the live position
/// that the maps and the live feed show.
@Suite struct TeltonikaFutureFixTests {
    static let device = DeviceID(unchecked: 701)

    @Test func testUDPAllowanceIsSixtySecondsAndAFutureFixIsNotLive() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory(), tune: { configuration in
            var teltonika = configuration.ingest
            teltonika.port = 0
            teltonika.maxFutureMillis = UDPIngestConfiguration.teltonikaMaxFutureMillis
            configuration.teltonika = teltonika
        }) { server in
            let port = try #require(await server.server.teltonika?.localAddress().port)
            try await TeltonikaUDPTests.register(server, id: 701)
            let client = UDPTestClient(port: port)
            let now = WallClock.nowMillis()
            let real = TeltonikaUDPTests.records(count: 1, base: now - 10_000)
            let send = { (id: UInt8, records: [TeltonikaRecord]) in
                await client.exchange(TeltonikaUDPTests.packet(packetID: UInt16(id), avlPacketID: id, records: records))
            }
            #expect(await send(1, real) == [0x00, 0x05, 0x00, 0x01, 0x01, 0x01, 0x01])
            // 90 s ahead: over the allowance, answered with 0 records and not stored.
            #expect(await send(2, TeltonikaUDPTests.records(count: 1, seed: 1, base: now + 90_000)) == [0x00, 0x05, 0x00, 0x02, 0x01, 0x02, 0x00])
            #expect(try server.store.fixes(device: Self.device).count == 1)
            // 30 s ahead: within it, stored, but the unit stays where its real fix put it.
            let ahead = TeltonikaUDPTests.records(count: 1, seed: 2, base: now + 30_000)
            #expect(await send(3, ahead) == [0x00, 0x05, 0x00, 0x03, 0x01, 0x03, 0x01])
            #expect(try server.store.fixes(device: Self.device).map(\.fix) == (real + ahead).map(\.fix))
            #expect(server.server.live.latest(Self.device)?.fix == real[0].fix)
            // A real fix after it still moves the unit.
            let next = TeltonikaUDPTests.records(count: 1, seed: 3, base: WallClock.nowMillis())
            #expect(await send(4, next) != nil)
            #expect(server.server.live.latest(Self.device)?.fix == next[0].fix)
        }
    }

    @Test func testTCPAllowanceIsSixtySecondsAndAFutureFixIsNotLive() async throws {
        try await TeltonikaTCPTests.withServer { server, port async throws in
            try await TeltonikaTCPTests.register(server, id: 701)
            let client = try await TeltonikaTCPTests.connect(port: port)
            let now = WallClock.nowMillis()
            let real = TeltonikaUDPTests.records(count: 1, base: now - 10_000)
            #expect(await client.exchange(TeltonikaTCPTests.frame(real), replyCount: 4) == .bytes([0, 0, 0, 1]))
            let far = TeltonikaUDPTests.records(count: 1, seed: 1, base: now + 90_000)
            #expect(await client.exchange(TeltonikaTCPTests.frame(far), replyCount: 4) == .bytes([0, 0, 0, 0]))
            let ahead = TeltonikaUDPTests.records(count: 1, seed: 2, base: now + 30_000)
            #expect(await client.exchange(TeltonikaTCPTests.frame(ahead), replyCount: 4) == .bytes([0, 0, 0, 1]))
            #expect(try server.store.fixes(device: Self.device).map(\.fix) == (real + ahead).map(\.fix))
            #expect(server.server.live.latest(Self.device)?.fix == real[0].fix)
        }
    }
}
