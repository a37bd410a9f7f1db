import Foundation
import MGISCore
import MGISLive
import Testing

/// Units, devices and helpers shared by the live-feed tests.
enum FeedFixtures {
    /// 2025-11-29T21:00:00.250Z (checked with `python3 -c "import datetime; ..."`), the snapshots' `time`.
    static let wallMillis: Int64 = 1_764_450_000_250
    static let wallText = "2025-11-29T21:00:00.250Z"

    static let vilniusLat: Int32 = 546_872_000
    static let vilniusLon: Int32 = 252_797_000
    static let kaunasLat: Int32 = 548_985_000
    static let kaunasLon: Int32 = 239_036_000
    /// Around Vilnius, not Kaunas.
    static let vilniusBox = BoundingBox(minLon: 25.0, minLat: 54.5, maxLon: 25.5, maxLat: 54.9)

    /// Unit 7 has devices 12 and 13, unit 12 has device 20, unit 3 has none; device 99 belongs to
    /// no unit and device 50 to a unit missing from the directory.
    static let directory = FeedDirectory(
        units: [
            "7": UnitInfo(id: "7", name: "Vilnius 1", callSign: "VLN-1"),
            "12": UnitInfo(id: "12", name: "Kaunas 2", callSign: "KNS-2"),
            "3": UnitInfo(id: "3", name: "Reserve", callSign: "RSV-3"),
        ],
        unitOfDevice: [device(12): "7", device(13): "7", device(20): "12", device(50): "404"]
    )

    static func device(_ id: UInt32) -> DeviceID { DeviceID(unchecked: id) }

    static func fix(
        _ device: UInt32,
        at time: Int64,
        lat: Int32 = vilniusLat,
        lon: Int32 = vilniusLon,
        received: Int64? = nil,
        speedCmS: UInt16 = Fix.unknownSpeed,
        headingCentiDeg: UInt16 = Fix.unknownHeading,
        altitudeM: Int16 = Fix.unknownAltitude,
        satellites: UInt8 = 0,
        flags: FixFlags = [],
        batteryPercent: UInt8 = Fix.unknownBattery
    ) -> DeviceFix {
        DeviceFix(
            device: Self.device(device),
            receivedMillis: received ?? time + 400,
            fix: Fix(
                timeMillis: time,
                latE7: lat,
                lonE7: lon,
                speedCmS: speedCmS,
                headingCentiDeg: headingCentiDeg,
                altitudeM: altitudeM,
                satellites: satellites,
                flags: flags,
                batteryPercent: batteryPercent
            )
        )
    }

    static func hub(
        _ live: LiveState,
        directory: FeedDirectory = directory,
        configuration: LiveFeedConfiguration = .init(),
        clock: TestClock = TestClock()
    ) -> LiveFeedHub {
        LiveFeedHub(live: live, directory: directory, configuration: configuration, clock: clock) { wallMillis }
    }

    /// Parses a frame into a JSON object.
    static func object(_ text: String?) throws -> [String: Any] {
        let text = try #require(text)
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any])
    }

    /// The `units` of a snapshot frame, checking its type.
    static func snapshotUnits(_ text: String?) throws -> [[String: Any]] {
        let frame = try object(text)
        #expect(frame["type"] as? String == "snapshot")
        return try #require(frame["units"] as? [[String: Any]])
    }

    /// The `items` of a positions frame, checking its type.
    static func positionItems(_ text: String?) throws -> [[String: Any]] {
        let frame = try object(text)
        #expect(frame["type"] as? String == "positions")
        return try #require(frame["items"] as? [[String: Any]])
    }
}
