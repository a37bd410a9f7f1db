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
}
