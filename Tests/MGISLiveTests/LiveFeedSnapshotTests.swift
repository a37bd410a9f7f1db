import Foundation
import MGISCore
import MGISLive
import Testing

@Suite struct LiveFeedSnapshotTests {
    typealias F = FeedFixtures

    /// Device 13 (newer) and 12 of unit 7, device 20 of unit 12, and devices outside the directory.
    static func populatedLive() -> LiveState {
        let live = LiveState()
        live.apply([
            F.fix(12, at: 1_764_450_000_000, lat: 546_800_000, lon: 252_700_000),
            F.fix(
                13,
                at: 1_764_450_000_250,
                received: 1_764_450_001_000,
                speedCmS: 1389,
                headingCentiDeg: 9000,
                altitudeM: 112,
                satellites: 11,
                flags: [.fixValid, .ignition, .externalPower, .moving],
                batteryPercent: 87
            ),
            F.fix(20, at: 1_764_449_990_000, lat: F.kaunasLat, lon: F.kaunasLon),
            F.fix(99, at: 1_764_450_000_000),
            F.fix(50, at: 1_764_450_000_000),
        ])
        return live
    }

    @Test func testSnapshotListsEveryUnitWithItsNewestPosition() async throws {
        let hub = F.hub(Self.populatedLive())
        var frames = hub.subscribe(filter: FeedFilter()).makeAsyncIterator()
        let text = try #require(await frames.next())
        let frame = try F.object(text)
        #expect(Set(frame.keys) == ["type", "time", "units"])
        #expect(frame["time"] as? String == F.wallText)

        let units = try F.snapshotUnits(text)
        #expect(units.map { $0["id"] as? String } == ["12", "3", "7"])
        #expect(units.map { $0["name"] as? String } == ["Kaunas 2", "Reserve", "Vilnius 1"])
        #expect(units.map { $0["callSign"] as? String } == ["KNS-2", "RSV-3", "VLN-1"])
        #expect(units.allSatisfy { Set($0.keys) == ["id", "name", "callSign", "position"] })
        #expect(units[1]["position"] is NSNull)

        // Unit 7: device 13 has the newer fix; every field exact.
        let position = try #require(units[2]["position"] as? [String: Any])
        let keys: Set = [
            "unit", "device", "time", "received", "lat", "lon", "speed", "heading", "altitude", "sats", "battery", "flags",
        ]
        #expect(Set(position.keys) == keys)
        #expect(position["unit"] as? String == "7")
        #expect(position["device"] as? Int == 13)
        #expect(position["time"] as? String == "2025-11-29T21:00:00.250Z")
        #expect(position["received"] as? String == "2025-11-29T21:00:01.000Z")
        #expect(position["lat"] as? Double == 54.6872)
        #expect(position["lon"] as? Double == 25.2797)
        #expect(position["speed"] as? Double == 13.89)
        #expect(position["heading"] as? Double == 90)
        #expect(position["altitude"] as? Int == 112)
        #expect(position["sats"] as? Int == 11)
        #expect(position["battery"] as? Int == 87)
        #expect(position["flags"] as? Int == 51)
        // Seven decimals exactly, printed from the E7 integers.
        #expect(text.contains(#""lat":54.6872000,"lon":25.2797000,"speed":13.89,"heading":90.00,"altitude":112"#))

        // Unit 12: unknown measurements are null.
        let kaunas = try #require(units[0]["position"] as? [String: Any])
        #expect(kaunas["device"] as? Int == 20)
        #expect(kaunas["lat"] as? Double == 54.8985)
        for key in ["speed", "heading", "altitude", "battery"] {
            #expect(kaunas[key] is NSNull, "\(key)")
        }
        #expect(kaunas["sats"] as? Int == 0)
        #expect(kaunas["flags"] as? Int == 0)
        #expect(hub.privateFramesSerialised == 1)
    }

    @Test func testSnapshotWithNoUnitsOrFixes() async throws {
        let hub = F.hub(LiveState(), directory: FeedDirectory())
        var frames = hub.subscribe(filter: FeedFilter()).makeAsyncIterator()
        #expect(await frames.next() == #"{"type":"snapshot","time":"2025-11-29T21:00:00.250Z","units":[]}"#)
    }

    @Test func testSnapshotEscapesStrings() async throws {
        let name = "He said \"stop\" \\ now\nnext\tline\u{01} Šiauliai 🚓"
        let directory = FeedDirectory(units: ["1": UnitInfo(id: "1", name: name, callSign: "A/B \u{1F}")])
        let hub = F.hub(LiveState(), directory: directory)
        var frames = hub.subscribe(filter: FeedFilter()).makeAsyncIterator()
        let text = try #require(await frames.next())
        #expect(text.contains(#""name":"He said \"stop\" \\ now\nnext\tline\u0001 Šiauliai 🚓""#))
        #expect(text.contains(#""callSign":"A/B \u001f""#))
        let units = try F.snapshotUnits(text)
        #expect(units.first?["name"] as? String == name)
        #expect(units.first?["callSign"] as? String == "A/B \u{1F}")
    }

    @Test func testSnapshotFollowsUnitFilter() async throws {
        let hub = F.hub(Self.populatedLive())
        var frames = hub.subscribe(filter: FeedFilter(units: ["7", "3", "404"])).makeAsyncIterator()
        let units = try F.snapshotUnits(await frames.next())
        #expect(units.map { $0["id"] as? String } == ["3", "7"])
    }

    @Test func testSnapshotBoxOmitsUnitsOutsideItAndUnitsWithoutPosition() async throws {
        let hub = F.hub(Self.populatedLive())
        var frames = hub.subscribe(filter: FeedFilter(bbox: F.vilniusBox)).makeAsyncIterator()
        let units = try F.snapshotUnits(await frames.next())
        #expect(units.map { $0["id"] as? String } == ["7"])

        var both = hub.subscribe(filter: FeedFilter(units: ["12"], bbox: F.vilniusBox)).makeAsyncIterator()
        #expect(try F.snapshotUnits(await both.next()).isEmpty)
    }
}
