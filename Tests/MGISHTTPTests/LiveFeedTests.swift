import Foundation
import MGISCore
import MGISProtocol
import MGISServer
import MGISStore
import MGISTestSupport
import Testing

/// The live feed over real WebSockets, fed by real MTP/1 datagrams over UDP.
@Suite(.timeLimit(.minutes(1))) struct LiveFeedTests {
    /// Two units with one tracker each; returns the trackers' authenticators.
    static func setUp(_ server: TestServer) async throws -> (unitA: PatrolUnit, unitB: PatrolUnit, authA: MTPAuthenticator, authB: MTPAuthenticator) {
        let unitA = try server.store.createUnit(name: "Alpha \"North\"", callSign: "ALPHA-1", homeStation: "Vilnius")
        let unitB = try server.store.createUnit(name: "Bravo", callSign: "BRAVO-2", homeStation: "Kaunas")
        let authA = try await server.addDevice(101)
        let authB = try await server.addDevice(102)
        try server.store.assignDevice(DeviceID(unchecked: 101), toUnit: unitA.id)
        try server.store.assignDevice(DeviceID(unchecked: 102), toUnit: unitB.id)
        try server.server.refreshLiveDirectory()
        return (unitA, unitB, authA, authB)
    }

    static func send(_ server: TestServer, device: UInt32, seq: UInt32, fix: Fix, auth: MTPAuthenticator) async throws {
        let client = UDPTestClient(port: server.udpPort)
        let reply = await client.exchange(MTPCodec.encode(device: device, seq: seq, fixes: [fix], authenticator: auth))
        #expect(reply != nil, "no ACK for device \(device) seq \(seq)")
    }

    static let vilnius = Fix(
        timeMillis: WallClock.nowMillis() / 10 * 10, latE7: 546_872_123, lonE7: 252_797_456, speedCmS: 1_389, headingCentiDeg: 9_050,
        altitudeM: 112, hdopTenths: 9, satellites: 11, flags: [.fixValid, .ignition, .moving], batteryPercent: 87
    )

    @Test func testSnapshotThenPositionsWithExactValues() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let setup = try await Self.setUp(server)
            try await Self.send(server, device: 102, seq: 1, fix: Fixes.make(count: 1)[0], auth: setup.authB)
            let token = try server.token(for: "dispatcher", roles: [.dispatcher])
            let fix = Self.vilnius
            let authA = setup.authA
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                let snapshot = try await session.next()
                #expect(snapshot["type"] as? String == "snapshot")
                let units = try #require(snapshot["units"] as? [[String: Any]])
                let byID = Dictionary(uniqueKeysWithValues: units.map { ($0["id"] as! String, $0) })
                #expect(byID["\(setup.unitA.id)"]?["name"] as? String == "Alpha \"North\"")
                #expect(byID["\(setup.unitA.id)"]?["callSign"] as? String == "ALPHA-1")
                #expect(byID["\(setup.unitA.id)"]?["position"] is NSNull)
                #expect((byID["\(setup.unitB.id)"]?["position"] as? [String: Any])?["device"] as? Int == 102)
                try await Self.send(server, device: 101, seq: 1, fix: fix, auth: authA)
                // B's earlier fix may still come in a frame of its own first.
                var found: [String: Any]? = nil
                while found == nil {
                    let frame = try await session.next(type: "positions")
                    found = (frame["items"] as? [[String: Any]])?.first { $0["unit"] as? String == "\(setup.unitA.id)" }
                }
                let item = try #require(found)
                #expect(item["device"] as? Int == 101)
                #expect(item["lat"] as? Double == 54.6872123)
                #expect(item["lon"] as? Double == 25.2797456)
                #expect(item["speed"] as? Double == 13.89)
                #expect(item["heading"] as? Double == 90.5)
                #expect(item["altitude"] as? Int == 112)
                #expect(item["sats"] as? Int == 11)
                #expect(item["battery"] as? Int == 87)
                #expect(item["flags"] as? Int == Int(fix.flags.rawValue))
                let time = try #require(item["time"] as? String)
                #expect(time.hasSuffix("Z") && time.count == 24)
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                #expect(formatter.date(from: time).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == fix.timeMillis)
            }
        }
    }

    @Test func testSubscribeFiltersByUnitAndBoundingBox() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let setup = try await Self.setUp(server)
            let token = try server.token(for: "display", roles: [.display])
            let (authA, authB) = (setup.authA, setup.authB)
            let unitB = "\(setup.unitB.id)"
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                _ = try await session.next(type: "snapshot")
                session.send("{\"type\":\"subscribe\",\"units\":[\"\(unitB)\"]}")
                let narrowed = try await session.next(type: "snapshot")
                #expect((narrowed["units"] as? [[String: Any]])?.map { $0["id"] as! String } == [unitB])
                try await Self.send(server, device: 101, seq: 1, fix: Fixes.make(count: 1)[0], auth: authA)
                try await Self.send(server, device: 102, seq: 1, fix: Fixes.make(count: 1)[0], auth: authB)
                let frame = try await session.next(type: "positions")
                #expect((frame["items"] as? [[String: Any]])?.map { $0["unit"] as! String } == [unitB])
                // A bbox around Riga excludes both units near Vilnius.
                session.send("{\"type\":\"subscribe\",\"bbox\":[23.5,56.5,24.5,57.2]}")
                let boxed = try await session.next(type: "snapshot")
                #expect((boxed["units"] as? [[String: Any]])?.isEmpty == true)
                session.send("{\"type\":\"subscribe\",\"bbox\":[1,2]}")
                let error = try await session.next(type: "error")
                #expect(error["error"] as? String == "bad_request")
            }
        }
    }

    @Test func testPatrolSeesOnlyItsOwnUnit() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let setup = try await Self.setUp(server)
            let token = try server.token(for: "patrol-a", roles: [.patrol], unit: setup.unitA.id)
            let (authA, authB) = (setup.authA, setup.authB)
            let unitA = "\(setup.unitA.id)", unitB = "\(setup.unitB.id)"
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                let snapshot = try await session.next(type: "snapshot")
                #expect((snapshot["units"] as? [[String: Any]])?.map { $0["id"] as! String } == [unitA])
                // Asking for the other unit does not widen the feed.
                session.send("{\"type\":\"subscribe\",\"units\":[\"\(unitB)\"]}")
                let narrowed = try await session.next(type: "snapshot")
                #expect((narrowed["units"] as? [[String: Any]])?.isEmpty == true)
                session.send("{\"type\":\"subscribe\"}")
                _ = try await session.next(type: "snapshot")
                try await Self.send(server, device: 102, seq: 1, fix: Fixes.make(count: 1)[0], auth: authB)
                try await Self.send(server, device: 101, seq: 1, fix: Fixes.make(count: 1)[0], auth: authA)
                let frame = try await session.next(type: "positions")
                #expect((frame["items"] as? [[String: Any]])?.map { $0["unit"] as! String } == [unitA])
            }
        }
    }

    @Test func testReconnectGetsAFreshSnapshotWithTheNewestPositions() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let setup = try await Self.setUp(server)
            let token = try server.token(for: "display", roles: [.display])
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                _ = try await session.next(type: "snapshot")
            }
            let fix = Self.vilnius
            try await Self.send(server, device: 101, seq: 7, fix: fix, auth: setup.authA)
            let unitA = "\(setup.unitA.id)"
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                // The snapshot (it may be one shared with a client that connected less than a tick
                // earlier), or else the positions frame right after it, has the newest position.
                let snapshot = try await session.next(type: "snapshot")
                let unit = (snapshot["units"] as? [[String: Any]])?.first { $0["id"] as? String == unitA }
                var lat = (unit?["position"] as? [String: Any])?["lat"] as? Double
                if lat != 54.6872123 {
                    let frame = try await session.next(type: "positions")
                    let item = (frame["items"] as? [[String: Any]])?.first { $0["unit"] as? String == unitA }
                    lat = item?["lat"] as? Double ?? (item?["position"] as? [String: Any])?["lat"] as? Double
                }
                #expect(lat == 54.6872123)
            }
        }
    }

    @Test func testUpgradeIsRefusedWithoutAValidToken() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            await #expect(throws: (any Error).self) {
                try await LiveFeedClient.with(port: server.httpPort, token: "mgis_wrong") { session in
                    _ = try await session.next()
                }
            }
            let auditor = try server.token(for: "auditor", roles: [.auditor])
            await #expect(throws: (any Error).self) {
                try await LiveFeedClient.with(port: server.httpPort, token: auditor) { session in
                    _ = try await session.next()
                }
            }
        }
    }
}
