import Foundation
import GRDB
import MGISCore
import MGISHTTP
import MGISIngest
import MGISLive
import MGISServer
import NIOCore
import Prometheus
import MGISProtocol
import MGISStore
import MGISTestSupport
import Testing

/// The ingest spine over real UDP sockets on 127.0.0.1 and a real SQLite file.
@Suite struct UDPIngestTests {
    static func ack(_ reply: [UInt8]?, _ auth: MTPAuthenticator) async throws -> MTPCodec.Ack {
        let bytes = try #require(reply, "no ACK received")
        return try bytes.withUnsafeBytes { try MTPCodec.verifyAck($0, authenticator: auth) }
    }

    @Test func testValidDatagramIsAckedAndReadsBackExactly() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let auth = try await server.addDevice(11)
            let client = UDPTestClient(port: server.udpPort)
            let fixes = Fixes.make(count: 3)
            let before = WallClock.nowMillis()
            let ack = try await Self.ack(await client.exchange(MTPCodec.encode(device: 11, seq: 1, fixes: fixes, authenticator: auth)), auth)
            #expect(ack.device == 11 && ack.seq == 1 && ack.status == MTPAckStatus.stored.rawValue)
            let stored = try server.store.fixes(device: DeviceID(unchecked: 11))
            #expect(stored.map(\.fix) == fixes)
            #expect(stored.allSatisfy { $0.seq == 1 && $0.receivedMillis >= before && $0.receivedMillis <= WallClock.nowMillis() })
            #expect(server.server.live.latest(DeviceID(unchecked: 11))?.fix == fixes.last)
            #expect(server.metric("mgis_store_committed_fixes_total") == 3)
        }
    }

    @Test func testHeartbeatIsAcknowledgedAndStoresNothing() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let auth = try await server.addDevice(12)
            let client = UDPTestClient(port: server.udpPort)
            let ack = try await Self.ack(await client.exchange(MTPCodec.encode(device: 12, seq: 1, fixes: [], authenticator: auth)), auth)
            #expect(ack.status == MTPAckStatus.stored.rawValue)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 12)).isEmpty)
        }
    }

    @Test func testRetransmissionIsDuplicateAlsoAcrossRestartAndCompaction() async throws {
        let directory = TestServer.temporaryDirectory()
        let fixes = Fixes.make(count: 2)
        var datagrams: [[UInt8]] = []
        let auth = try await TestServer.with(directory: directory) { server in
            let auth = try await server.addDevice(21)
            let client = UDPTestClient(port: server.udpPort)
            for seq in 1...3 as ClosedRange<UInt32> {
                let datagram = MTPCodec.encode(device: 21, seq: seq, fixes: Fixes.make(count: 2, seed: Int32(seq)), authenticator: auth)
                datagrams.append(datagram)
                #expect(try await Self.ack(await client.exchange(datagram), auth).status == 0)
            }
            #expect(try await Self.ack(await client.exchange(datagrams[1]), auth).status == 1)
            #expect(server.metric("mgis_ingest_duplicates_total") == 1)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 21)).count == 6)
            return auth
        }
        let sent = datagrams
        // Restart on the same directory: the window is restored from the append log.
        try await TestServer.with(directory: directory) { server in
            let client = UDPTestClient(port: server.udpPort)
            #expect(try await Self.ack(await client.exchange(sent[0]), auth).status == 1)
            #expect(try await Self.ack(await client.exchange(sent[2]), auth).status == 1)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 21)).count == 6)
            // Moving the log into chunks keeps duplicates recognisable after another restart.
            while try await server.store.compactStep(force: true) > 0 {}
            #expect(try await server.store.logRowCount() == 0)
        }
        try await TestServer.with(directory: directory) { server in
            let client = UDPTestClient(port: server.udpPort)
            #expect(try await Self.ack(await client.exchange(sent[1]), auth).status == 1)
            let stored = try server.store.fixes(device: DeviceID(unchecked: 21))
            #expect(stored.count == 6)
            #expect(Set(stored.map(\.seq)) == [1, 2, 3])
            _ = fixes
        }
    }

    @Test func testSeqReusedWithOtherContentIsNewData() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let auth = try await server.addDevice(22)
            let client = UDPTestClient(port: server.udpPort)
            let first = MTPCodec.encode(device: 22, seq: 1, fixes: Fixes.make(count: 1, seed: 1), authenticator: auth)
            let reset = MTPCodec.encode(device: 22, seq: 1, fixes: Fixes.make(count: 1, seed: 2), authenticator: auth)
            #expect(try await Self.ack(await client.exchange(first), auth).status == 0)
            #expect(try await Self.ack(await client.exchange(reset), auth).status == 0)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 22)).count == 2)
        }
    }

    @Test func testRetransmissionOlderThanTheWindowIsFoundInTheStore() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory(), tune: { $0.ingest.duplicateWindow = 4 }) { server in
            let auth = try await server.addDevice(23)
            let client = UDPTestClient(port: server.udpPort)
            var sent: [[UInt8]] = []
            for seq in 1...10 as ClosedRange<UInt32> {
                let datagram = MTPCodec.encode(device: 23, seq: seq, fixes: Fixes.make(count: 1, seed: Int32(seq)), authenticator: auth)
                sent.append(datagram)
                #expect(try await Self.ack(await client.exchange(datagram), auth).status == 0)
            }
            #expect(try await Self.ack(await client.exchange(sent[0]), auth).status == 1)
            while try await server.store.compactStep(force: true) > 0 {}
            #expect(try await Self.ack(await client.exchange(sent[1]), auth).status == 1)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 23)).count == 10)
        }
    }

    @Test func testFixFarInTheFutureIsRefusedWithStatus2() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let auth = try await server.addDevice(31)
            let client = UDPTestClient(port: server.udpPort)
            let future = Fixes.make(count: 1, start: WallClock.nowMillis() + 301_000) + Fixes.make(count: 1)
            let ack = try await Self.ack(await client.exchange(MTPCodec.encode(device: 31, seq: 1, fixes: future, authenticator: auth)), auth)
            #expect(ack.status == MTPAckStatus.refused.rawValue)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 31)).isEmpty)
            // A fix within the allowance is accepted.
            let near = Fixes.make(count: 1, start: WallClock.nowMillis() + 200_000)
            #expect(try await Self.ack(await client.exchange(MTPCodec.encode(device: 31, seq: 2, fixes: near, authenticator: auth)), auth).status == 0)
        }
    }

    @Test func testRefusedDatagramsGetNoReplyStoreNothingAndAreCounted() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let auth = try await server.addDevice(41)
            let disabledAuth = try await server.addDevice(42)
            try server.store.setDeviceEnabled(DeviceID(unchecked: 42), false)
            try await server.server.ingest.reloadRegistry()
            let other = MTPAuthenticator(key: [UInt8](repeating: 7, count: 32))
            let client = UDPTestClient(port: server.udpPort)
            let good = MTPCodec.encode(device: 41, seq: 1, fixes: Fixes.make(count: 1), authenticator: auth)
            func resign(_ bytes: [UInt8]) -> [UInt8] {
                var body = Array(bytes.dropLast(8))
                withUnsafeBytes(of: auth.tag(for: body).bigEndian) { body.append(contentsOf: $0) }
                return body
            }
            func field(_ offset: Int, _ values: [UInt8]) -> [UInt8] {
                var bytes = good
                for (index, value) in values.enumerated() { bytes[offset + index] = value }
                return resign(bytes)
            }
            let cases: [(String, [UInt8], String)] = [
                ("wrong magic", field(0, [0x00]), "wrong_magic"),
                ("wrong version", field(2, [9]), "wrong_version"),
                ("wrong kind", field(3, [0x81]), "wrong_kind"),
                ("length not 21+24n", good + [0, 0, 0], "bad_length"),
                ("count 0", resign(Array(good.prefix(12)) + [0] + [UInt8](repeating: 0, count: 8)), "bad_count"),
                ("count 51", resign(Array(good.prefix(12)) + [51] + [UInt8](repeating: 0, count: 24 * 51 + 8)), "bad_count"),
                ("truncated", Array(good.prefix(30)), "truncated"),
                ("unknown device", MTPCodec.encode(device: 999, seq: 1, fixes: Fixes.make(count: 1), authenticator: auth), "unknown_device"),
                ("disabled device", MTPCodec.encode(device: 42, seq: 1, fixes: Fixes.make(count: 1), authenticator: disabledAuth), "disabled_device"),
                ("wrong tag", { var b = good; b[b.count - 2] ^= 0xFF; return b }(), "bad_tag"),
                ("key of another device", MTPCodec.encode(device: 41, seq: 1, fixes: Fixes.make(count: 1), authenticator: other), "bad_tag"),
                ("latitude out of range", field(13 + 4, [0x40, 0, 0, 0]), "latitude_out_of_range"),
                ("longitude out of range", field(13 + 8, [0x80, 0, 0, 0]), "longitude_out_of_range"),
            ]
            for (name, bytes, reason) in cases {
                let before = server.metric("mgis_ingest_refused_total", reason: reason)
                #expect(await client.exchange(bytes, timeoutMilliseconds: 300) == nil, "\(name) got a reply")
                #expect(server.metric("mgis_ingest_refused_total", reason: reason) == before + 1, "\(name) not counted")
                // The server keeps serving after every refusal.
                let probe = MTPCodec.encode(device: 41, seq: UInt32(100 + cases.firstIndex { $0.0 == name }!), fixes: Fixes.make(count: 1), authenticator: auth)
                #expect(try await Self.ack(await client.exchange(probe), auth).status == 0, "no service after \(name)")
            }
            #expect(try server.store.fixes(device: DeviceID(unchecked: 41)).count == cases.count)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 42)).isEmpty)
        }
    }

    @Test func testDeviceRegisteredWhileRunningIsAcceptedWithinTwoSeconds() async throws {
        let directory = TestServer.temporaryDirectory()
        try await TestServer.with(directory: directory, tune: { $0.ingest.registryPollInterval = .seconds(1) }) { server in
            let client = UDPTestClient(port: server.udpPort)
            // A second Store on the same file, as mgisctl opens it.
            let admin = try Store(configuration: StoreConfiguration(path: directory + "/mgis.sqlite"))
            let key = [UInt8](repeating: 3, count: 32)
            let auth = MTPAuthenticator(key: key)
            let datagram = MTPCodec.encode(device: 51, seq: 1, fixes: Fixes.make(count: 1), authenticator: auth)
            #expect(await client.exchange(datagram, timeoutMilliseconds: 200) == nil)
            try admin.addDevice(id: DeviceID(rawValue: 51), name: "late", key: key, nowMillis: WallClock.nowMillis())
            let clock = ContinuousClock()
            let start = clock.now
            var acked = false
            // One poll interval is enough; the margin is for a loaded CI machine.
            while clock.now - start < .milliseconds(20_000), !acked {
                acked = await client.exchange(datagram, timeoutMilliseconds: 100) != nil
            }
            #expect(acked)
        }
    }
}

/// A retransmission that arrives while the original's commit is still in doubt must not be
/// acknowledged as a duplicate: if that commit fails, the tracker would drop unstored data.
@Suite struct CommitFailureTests {
    @Test func testRetransmissionDuringAFailingCommitIsNotAcknowledged() async throws {
        let directory = TestServer.temporaryDirectory()
        try await TestServer.with(directory: directory) { server in
            let auth = try await server.addDevice(61)
            let client = UDPTestClient(port: server.udpPort)
            let datagram = MTPCodec.encode(device: 61, seq: 1, fixes: Fixes.make(count: 1), authenticator: auth)
            // Another process holds SQLite's write lock for 3 s and, when it lets go, leaves the log
            // refusing inserts: the commit holding the datagram waits, then fails.
            let path = directory + "/mgis.sqlite"
            let locker = Task {
                try await onOwnThread {
                    let queue = try DatabaseQueue(path: path)
                    try queue.inTransaction(.immediate) { db in
                        try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON datagram_log BEGIN SELECT RAISE(ABORT, 'disk full'); END")
                        Thread.sleep(forTimeInterval: 3)
                        return .commit
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(await client.exchange(datagram, timeoutMilliseconds: 300) == nil, "acknowledged before its commit")
            // The retransmission lands in a later batch while the first commit waits and then fails.
            #expect(await client.exchange(datagram, timeoutMilliseconds: 5_000) == nil, "a duplicate ACK for data never stored")
            try await locker.value
            let repair = try DatabaseQueue(path: path)
            try await repair.write { db in try db.execute(sql: "DROP TRIGGER refuse") }
            // Once the store can be written, the tracker's next retransmission is stored.
            let reply = try #require(await client.exchange(datagram))
            let ack = try reply.withUnsafeBytes { try MTPCodec.verifyAck($0, authenticator: auth) }
            #expect(ack.status == MTPAckStatus.stored.rawValue)
            #expect(try server.store.fixes(device: DeviceID(unchecked: 61)).count == 1)
        }
    }
}
