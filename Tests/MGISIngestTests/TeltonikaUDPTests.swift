import MGISCore
import MGISIngest
import MGISLive
import MGISProtocol
import MGISServer
import MGISStore
import MGISTestSupport
import NIOCore
import Testing

/// The Teltonika UDP listener over real sockets on 127.0.0.1 and a real SQLite file.
@Suite struct TeltonikaUDPTests {
    static let imei = "356307042441013"

    /// Runs a test server with the Teltonika listener on a free port.
    static func withServer<T: Sendable>(
        directory: String = TestServer.temporaryDirectory(),
        _ body: (TestServer, Int) async throws -> T
    ) async throws -> T {
        try await TestServer.with(directory: directory, tune: { configuration in
            var teltonika = configuration.ingest
            teltonika.port = 0
            configuration.teltonika = teltonika
        }) { server in
            let service = try #require(server.server.teltonika)
            let port = await service.localAddress().port ?? 0
            return try await body(server, port)
        }
    }

    /// Registers a Teltonika device by IMEI and waits until the listener knows it.
    static func register(_ server: TestServer, id: UInt32, imei: String = imei) async throws {
        try server.store.addDevice(id: DeviceID(unchecked: id), name: "fmb-\(id)", key: nil, imei: imei, nowMillis: WallClock.nowMillis())
        try await server.server.teltonika?.reloadRegistry()
    }

    static func records(count: Int, seed: Int32 = 0, base: Int64 = WallClock.nowMillis() - 60_000) -> [TeltonikaRecord] {
        var records: [TeltonikaRecord] = []
        for index in 0..<count {
            let offset = seed * 1_000 + Int32(index) * 10
            let io: [TeltonikaRecord.IOElement] = [
                (id: TeltonikaIOID.ignition, value: .uint8(1)),
                (id: TeltonikaIOID.externalVoltage, value: .uint16(12_600)),
                (id: TeltonikaIOID.gnssHDOP, value: .uint16(8)),
            ]
            let timestamp = UInt64(base + Int64(index) * 1_000)
            records.append(
                TeltonikaRecord(
                    timestamp: timestamp, priority: 0,
                    longitude: 145_000_000 + offset, latitude: 480_000_000 + offset,
                    altitude: 120, angle: UInt16(index * 30), satellites: 9, speed: UInt16(40 + index),
                    eventIOID: 0, ioElements: io
                )
            )
        }
        return records
    }

    static func packet(packetID: UInt16, avlPacketID: UInt8, imei: String = imei, records: [TeltonikaRecord]) -> [UInt8] {
        TeltonikaCodec.encodeUDP(
            packetID: packetID, avlPacketID: avlPacketID, imei: imei,
            avl: TeltonikaAVLData(codecID: .codec8, records: records)
        )
    }

    @Test func testRegisteredPacketIsAckedAndReadsBackExactly() async throws {
        try await Self.withServer { server, port async throws in
            try await Self.register(server, id: 501)
            let records = Self.records(count: 3)
            let client = UDPTestClient(port: port)
            let ack = await client.exchange(Self.packet(packetID: 0xCAFE, avlPacketID: 0x07, records: records))
            #expect(ack == [0x00, 0x05, 0xCA, 0xFE, 0x01, 0x07, 0x03])
            let stored = try server.store.fixes(device: DeviceID(unchecked: 501))
            #expect(stored.map(\.fix) == records.map(\.fix))
            #expect(server.server.live.latest(DeviceID(unchecked: 501))?.fix == records.last?.fix)
        }
    }

    @Test func testRetransmissionIsAckedAndNotStoredTwiceAlsoAcrossRestart() async throws {
        let directory = TestServer.temporaryDirectory()
        let first = Self.packet(packetID: 1, avlPacketID: 1, records: Self.records(count: 2, seed: 1))
        let second = Self.packet(packetID: 2, avlPacketID: 2, records: Self.records(count: 2, seed: 2, base: WallClock.nowMillis() - 30_000))
        try await Self.withServer(directory: directory) { server, port async throws in
            try await Self.register(server, id: 502)
            let client = UDPTestClient(port: port)
            #expect(await client.exchange(first) == [0, 5, 0, 1, 1, 1, 2])
            #expect(await client.exchange(second) == [0, 5, 0, 2, 1, 2, 2])
            #expect(await client.exchange(first) == [0, 5, 0, 1, 1, 1, 2])
            #expect(server.metric("mgis_teltonika_duplicates_total") == 1)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 502)).count == 4)
        }
        try await Self.withServer(directory: directory) { server, port async throws in
            let client = UDPTestClient(port: port)
            #expect(await client.exchange(first) == [0, 5, 0, 1, 1, 1, 2])
            #expect(await client.exchange(second) == [0, 5, 0, 2, 1, 2, 2])
            #expect(try server.store.fixes(device: DeviceID(unchecked: 502)).count == 4)
        }
    }

    @Test func testUnregisteredIMEIIsRefusedCountedAndListed() async throws {
        try await Self.withServer { server, port async throws in
            let stranger = "490154203237518"
            let client = UDPTestClient(port: port)
            for id in 1...3 as ClosedRange<UInt16> {
                let reply = await client.exchange(
                    Self.packet(packetID: id, avlPacketID: UInt8(id), imei: stranger, records: Self.records(count: 1)),
                    timeoutMilliseconds: 300
                )
                #expect(reply == nil)
            }
            // Counted on the event loop as each arrives; on a loaded machine, a moment after the sends.
            for _ in 0..<500 where server.metric("mgis_teltonika_refused_total", reason: "unknown_imei") < 3 {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(server.metric("mgis_teltonika_refused_total", reason: "unknown_imei") == 3)
            // The sightings are written by the commit loop shortly after.
            var listed: [UnknownIMEI] = []
            for _ in 0..<500 {
                listed = try server.store.unknownIMEIs()
                if listed.first?.packets == 3 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(listed.count == 1)
            #expect(listed.first?.imei == stranger && listed.first?.packets == 3)
            if let sighting = listed.first { #expect(sighting.firstMillis <= sighting.lastMillis) }
        }
    }

    @Test func testGarbageAndTruncatedGetNoReplyWhileValidPacketsAreAcked() async throws {
        try await Self.withServer { server, port async throws in
            try await Self.register(server, id: 503)
            let valid = Self.packet(packetID: 9, avlPacketID: 9, records: Self.records(count: 1))
            let bad = UDPTestClient(port: port)
            #expect(await bad.exchange([0xDE, 0xAD, 0xBE, 0xEF], timeoutMilliseconds: 300) == nil)
            #expect(await bad.exchange(Array(valid.dropLast(3)), timeoutMilliseconds: 300) == nil)
            var wrongLength = valid
            wrongLength[1] &+= 1
            #expect(await bad.exchange(wrongLength, timeoutMilliseconds: 300) == nil)
            let good = UDPTestClient(port: port)
            #expect(await good.exchange(valid) == [0, 5, 0, 9, 1, 9, 1])
            #expect(server.metric("mgis_teltonika_refused_total", reason: "truncated") >= 1)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 503)).count == 1)
        }
    }

    @Test func testFutureRecordsAreAckedWithZeroAndNotStored() async throws {
        try await Self.withServer { server, port async throws in
            try await Self.register(server, id: 504)
            let client = UDPTestClient(port: port)
            let future = Self.records(count: 2, base: WallClock.nowMillis() + 3_600_000)
            #expect(await client.exchange(Self.packet(packetID: 4, avlPacketID: 4, records: future)) == [0, 5, 0, 4, 1, 4, 0])
            #expect(try server.store.fixes(device: DeviceID(unchecked: 504)).isEmpty)
        }
    }
}
