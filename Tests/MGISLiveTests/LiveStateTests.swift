import MGISCore
import MGISLive
import Testing

@Suite struct LiveStateTests {
    static func fix(_ device: UInt32, _ time: Int64) -> DeviceFix {
        DeviceFix(device: DeviceID(unchecked: device), receivedMillis: time, fix: Fix(timeMillis: time, latE7: 0, lonE7: 0))
    }

    @Test func testNewestFixByTimeWinsAndChangesAreVersioned() {
        let live = LiveState()
        live.apply([Self.fix(1, 100), Self.fix(2, 100)])
        let first = live.version
        live.apply([Self.fix(1, 300), Self.fix(1, 200)])
        #expect(live.latest(DeviceID(unchecked: 1))?.fix.timeMillis == 300)
        let changes = live.changes(since: first)
        #expect(changes.fixes.map(\.device) == [DeviceID(unchecked: 1)])
        live.apply([Self.fix(2, 50)])  // older than what is known: no change
        #expect(live.changes(since: changes.version).fixes.isEmpty)
        #expect(live.snapshot().fixes.count == 2)
    }

    /// A fix stamped ahead of its arrival (beyond clock skew) is never the live position, however
    /// new it claims to be; within the skew it is.
    @Test func testAFixFromTheFutureNeverBecomesTheLivePosition() {
        let live = LiveState()
        let device = DeviceID(unchecked: 1)
        live.apply([Self.fix(1, 1_000_000)])
        let version = live.version
        let forged = DeviceFix(device: device, receivedMillis: 1_001_000, fix: Fix(timeMillis: 1_001_000 + 30_000, latE7: 1, lonE7: 1))
        live.apply([forged])
        #expect(live.latest(device)?.fix.timeMillis == 1_000_000)
        #expect(live.version == version, "nothing changed for the feed")
        let skewed = DeviceFix(device: device, receivedMillis: 1_002_000, fix: Fix(timeMillis: 1_002_000 + 4_000, latE7: 2, lonE7: 2))
        live.apply([skewed])
        #expect(live.latest(device)?.fix.timeMillis == 1_006_000)
    }
}
