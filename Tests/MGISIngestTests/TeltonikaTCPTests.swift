import MGISCore
import MGISIngest
import MGISLive
import MGISProtocol
import MGISServer
import MGISStore
import MGISTestSupport
import NIOCore
import Testing

/// The Teltonika TCP listener over real sockets on 127.0.0.1 and a real SQLite file.
@Suite struct TeltonikaTCPTests {
    static let imei = TeltonikaUDPTests.imei

    /// Runs a test server with both Teltonika listeners on one free port number.
    static func withServer<T: Sendable>(
        directory: String = TestServer.temporaryDirectory(),
        idleTimeout: TimeAmount = .seconds(30),
        perAddress: Int = 64,
        _ body: (TestServer, Int) async throws -> T
    ) async throws -> T {
        try await TestServer.with(directory: directory, tune: { configuration in
            var teltonika = configuration.ingest
            teltonika.port = 0
            configuration.teltonika = teltonika
            configuration.teltonikaTCP = TeltonikaTCPConfiguration(
                host: "127.0.0.1", port: 0, idleTimeout: idleTimeout, maxConnectionsPerAddress: perAddress
            )
        }) { server in
            let tcp = try #require(server.server.teltonikaTCP)
            let port = await tcp.localAddress().port ?? 0
            let udpPort = await server.server.teltonika?.localAddress().port
            #expect(udpPort == port, "UDP and TCP share one port number")
            return try await body(server, port)
        }
    }

    static func register(_ server: TestServer, id: UInt32, imei: String = imei) async throws {
        try server.store.addDevice(id: DeviceID(unchecked: id), name: "fmb-\(id)", key: nil, imei: imei, nowMillis: WallClock.nowMillis())
        try server.server.teltonikaTCP?.reloadRegistry()
    }

    static func frame(_ records: [TeltonikaRecord], codec: TeltonikaCodecID = .codec8) -> [UInt8] {
        TeltonikaCodec.encodeTCPFrame(avl: TeltonikaAVLData(codecID: codec, records: records))
    }

    /// Connects and completes the handshake, expecting it accepted.
    static func connect(port: Int, imei: String = imei) async throws -> TCPTestClient {
        let client = try TCPTestClient(port: port)
        #expect(await client.exchange(TeltonikaCodec.encodeIMEIHandshake(imei), replyCount: 1) == .bytes([0x01]))
        return client
    }

    @Test func testOneAddressHoldsAtMostItsConnectionsAndSilenceFromAcceptCloses() async throws {
        try await Self.withServer(idleTimeout: .seconds(1), perAddress: 2) { server, port async throws in
            try await Self.register(server, id: 611)
            let first = try await Self.connect(port: port)
            let second = try TCPTestClient(port: port)
            // The third from the same address is closed at accept, before any handshake.
            let third = try TCPTestClient(port: port)
            #expect(await third.receive(count: 1, timeoutMilliseconds: 5000) == .closed)
            #expect(server.metric("mgis_teltonika_tcp_refused_total", reason: "too_many_connections_from_address") == 1)
            // The silent one (no handshake at all) is closed by the idle timer counted from accept.
            // Closed by the server (a 1 s timeout; the wait allows for a loaded machine), not timed out here.
            #expect(await second.receive(count: 1, timeoutMilliseconds: 30_000) == .closed)
            _ = first
            // Its slot is free again: a new connection is served.
            _ = try await Self.connect(port: port)
        }
    }

    @Test func testHandshakeFrameAndRecordCountAfterCommit() async throws {
        try await Self.withServer { server, port async throws in
            try await Self.register(server, id: 601)
            let client = try await Self.connect(port: port)
            let records = TeltonikaUDPTests.records(count: 3)
            #expect(await client.exchange(Self.frame(records), replyCount: 4) == .bytes([0, 0, 0, 3]))
            // The answer came after the commit: the records are already readable.
            let stored = try server.store.fixes(device: DeviceID(unchecked: 601))
            #expect(stored.map(\.fix) == records.map(\.fix))
            #expect(server.server.live.latest(DeviceID(unchecked: 601))?.fix == records.last?.fix)
            let extended = TeltonikaUDPTests.records(count: 2, seed: 9, base: WallClock.nowMillis() - 10_000)
            #expect(await client.exchange(Self.frame(extended, codec: .codec8Extended), replyCount: 4) == .bytes([0, 0, 0, 2]))
            #expect(try server.store.fixes(device: DeviceID(unchecked: 601)).count == 5)
        }
    }

    @Test func testUnregisteredIMEIIsRefusedClosedAndListed() async throws {
        try await Self.withServer { server, port async throws in
            let stranger = "490154203237518"
            let client = try TCPTestClient(port: port)
            #expect(await client.exchange(TeltonikaCodec.encodeIMEIHandshake(stranger), replyCount: 1) == .bytes([0x00]))
            #expect(await client.receive(count: 1) == .closed)
            var listed: [UnknownIMEI] = []
            for _ in 0..<50 {
                listed = try server.store.unknownIMEIs()
                if !listed.isEmpty { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(listed.map(\.imei) == [stranger])
            #expect(server.metric("mgis_teltonika_tcp_refused_total", reason: "unknown_imei") == 1)
        }
    }

    @Test func testRetransmissionOnANewConnectionIsAnsweredAndStoredOnce() async throws {
        let directory = TestServer.temporaryDirectory()
        let records = TeltonikaUDPTests.records(count: 4, seed: 3)
        try await Self.withServer(directory: directory) { server, port async throws in
            try await Self.register(server, id: 602)
            let first = try await Self.connect(port: port)
            #expect(await first.exchange(Self.frame(records), replyCount: 4) == .bytes([0, 0, 0, 4]))
            let second = try await Self.connect(port: port)
            #expect(await second.exchange(Self.frame(records), replyCount: 4) == .bytes([0, 0, 0, 4]))
            #expect(try server.store.fixes(device: DeviceID(unchecked: 602)).count == 4)
            #expect(server.metric("mgis_teltonika_tcp_duplicates_total") == 1)
        }
        // And after a restart, from what the store holds.
        try await Self.withServer(directory: directory) { server, port async throws in
            let again = try await Self.connect(port: port)
            #expect(await again.exchange(Self.frame(records), replyCount: 4) == .bytes([0, 0, 0, 4]))
            #expect(try server.store.fixes(device: DeviceID(unchecked: 602)).count == 4)
        }
    }

    @Test func testCorruptFrameGetsNoReplyAndTheConnectionGoesOn() async throws {
        try await Self.withServer { server, port async throws in
            try await Self.register(server, id: 603)
            let client = try await Self.connect(port: port)
            var corrupt = Self.frame(TeltonikaUDPTests.records(count: 2, seed: 4))
            corrupt[corrupt.count - 1] ^= 0xFF
            #expect(await client.exchange(corrupt, replyCount: 4, timeoutMilliseconds: 300) == .timedOut)
            let good = TeltonikaUDPTests.records(count: 1, seed: 5)
            #expect(await client.exchange(Self.frame(good), replyCount: 4) == .bytes([0, 0, 0, 1]))
            #expect(try server.store.fixes(device: DeviceID(unchecked: 603)).map(\.fix) == good.map(\.fix))
            #expect(server.metric("mgis_teltonika_tcp_refused_total", reason: "crc_mismatch") == 1)
        }
    }

    @Test func testGarbageAndOversizeFramesCloseOnlyTheirOwnConnection() async throws {
        try await Self.withServer { server, port async throws in
            try await Self.register(server, id: 604)
            let healthy = try await Self.connect(port: port)

            let garbage = try await Self.connect(port: port)
            #expect(await garbage.exchange(Array("GET / HTTP/1.1\r\n\r\n".utf8), replyCount: 4, timeoutMilliseconds: 15_000) == .closed)

            let oversize = try await Self.connect(port: port)
            let tooLong = UInt32(TeltonikaLayout.maxAVLDataLength + 1)
            let header: [UInt8] = [0, 0, 0, 0, UInt8(tooLong >> 24), UInt8(tooLong >> 16 & 0xFF), UInt8(tooLong >> 8 & 0xFF), UInt8(tooLong & 0xFF)]
            #expect(await oversize.exchange(header, replyCount: 4, timeoutMilliseconds: 15_000) == .closed)

            let badIMEI = try TCPTestClient(port: port)
            #expect(await badIMEI.exchange([0x00, 0x20] + Array("x".utf8), replyCount: 1, timeoutMilliseconds: 15_000) == .closed)

            let records = TeltonikaUDPTests.records(count: 2, seed: 6)
            #expect(await healthy.exchange(Self.frame(records), replyCount: 4) == .bytes([0, 0, 0, 2]))
            #expect(server.metric("mgis_teltonika_tcp_refused_total", reason: "bad_preamble") == 1)
            #expect(server.metric("mgis_teltonika_tcp_refused_total", reason: "frame_too_large") == 1)
            #expect(server.metric("mgis_teltonika_tcp_refused_total", reason: "bad_imei") == 1)
        }
    }

    @Test func testTruncatedFrameIsNotAnswered() async throws {
        try await Self.withServer { server, port async throws in
            try await Self.register(server, id: 605)
            let client = try await Self.connect(port: port)
            let frame = Self.frame(TeltonikaUDPTests.records(count: 2, seed: 7))
            #expect(await client.exchange(Array(frame.dropLast(5)), replyCount: 4, timeoutMilliseconds: 300) == .timedOut)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 605)).isEmpty)
        }
    }

    /// Idle = no complete message for the timeout. 2 s rather than less: on a loaded CI machine the
    /// server may take longer than a short timeout to answer the handshake itself.
    @Test func testIdleConnectionIsClosed() async throws {
        try await Self.withServer(idleTimeout: .seconds(2)) { server, port async throws in
            try await Self.register(server, id: 606)
            let client = try await Self.connect(port: port)
            #expect(await client.receive(count: 1, timeoutMilliseconds: 15_000) == .closed)
            #expect(server.metric("mgis_teltonika_tcp_refused_total", reason: "idle_timeout") == 1)
        }
    }

    @Test func testManyTrackersAtOnce() async throws {
        try await Self.withServer { server, port async throws in
            let trackers = 40
            let framesEach = 5
            for index in 0..<trackers {
                try server.store.addDevice(
                    id: DeviceID(unchecked: UInt32(700 + index)), name: "fmb-\(index)", key: nil,
                    imei: String(356_307_042_441_100 + index), nowMillis: WallClock.nowMillis()
                )
            }
            try server.server.teltonikaTCP?.reloadRegistry()
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<trackers {
                    group.addTask {
                        let client = try await Self.connect(port: port, imei: String(356_307_042_441_100 + index))
                        var answered = 0
                        for frameIndex in 0..<framesEach {
                            let records = TeltonikaUDPTests.records(count: 3, seed: Int32(index * 10 + frameIndex), base: WallClock.nowMillis() - 60_000 + Int64(frameIndex) * 5_000)
                            if await client.exchange(Self.frame(records), replyCount: 4) == .bytes([0, 0, 0, 3]) { answered += 1 }
                        }
                        return answered
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(answers == trackers * framesEach)
            var total = 0
            for index in 0..<trackers {
                total += try server.store.fixes(device: DeviceID(unchecked: UInt32(700 + index))).count
            }
            #expect(total == trackers * framesEach * 3)
        }
    }
}
