import MGISCore
import MGISTasks
import Testing

@Suite struct PanicDetectorTests {
    let t0 = Fixtures.t0

    @Test func testPanicFiresOncePerPressUntilCleared() {
        var detector = PanicDetector()
        let first = detector.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 1, flags: [.alarm]))
        #expect(first?.kind == .panic)
        #expect(first?.unitID == 7)
        #expect(first?.taskID == nil)
        #expect(first?.raisedMillis == t0 + 1)
        #expect(detector.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 2, flags: [.alarm, .fixValid])) == nil)
        #expect(detector.unitsInAlarm == [7])
        #expect(detector.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 3)) == nil)
        #expect(detector.unitsInAlarm.isEmpty)
        #expect(detector.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 2, flags: [.alarm])) == nil)  // late, before the clearing fix
        #expect(detector.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 4, flags: [.alarm]))?.raisedMillis == t0 + 4)
    }

    @Test func testAnOlderFixWithoutTheFlagDoesNotClearTheAlarm() {
        var detector = PanicDetector()
        _ = detector.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 10, flags: [.alarm]))
        _ = detector.observe(unitID: 7, fix: Fixtures.fixOutside(t0 + 5))
        #expect(detector.unitsInAlarm == [7])
        #expect(detector.observe(unitID: 9, fix: Fixtures.fixOutside(t0 + 11, flags: [.alarm]))?.unitID == 9)
        #expect(detector.unitsInAlarm == [7, 9])
    }
}
