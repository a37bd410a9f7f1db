import MGISTrace
import Testing

@Suite struct ReplayScheduleTests {
    // Arrivals 1 000 000 µs in, then gaps of 10, 20 and 30 ms; median gap 20 ms, so one loop
    // lasts 60 + 20 = 80 ms of the recording.
    static let arrivals: [Int64] = [1_000_000, 1_010_000, 1_030_000, 1_060_000]

    @Test func testRealTimeKeepsTheRecordedSpacing() {
        let schedule = ReplaySchedule(arrivalMicros: Self.arrivals, speed: .realTime)
        #expect(schedule.map(\.sendOffsetMicros) == [0, 10_000, 30_000, 60_000])
        #expect(schedule.map(\.recordIndex) == [0, 1, 2, 3])
        #expect(schedule.durationMicros == 60_000)
    }

    @Test func testLoopsFollowBackToBackAfterTheMedianGap() {
        let schedule = ReplaySchedule(arrivalMicros: Self.arrivals, speed: .times(10), loops: 3)
        #expect(schedule.loopPeriodMicros == 80_000)
        #expect(schedule.count == 12)
        #expect(schedule.map(\.sendOffsetMicros) == [
            0, 1_000, 3_000, 6_000,
            8_000, 9_000, 11_000, 14_000,
            16_000, 17_000, 19_000, 22_000,
        ])
        #expect(schedule.map(\.loop) == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
        #expect(schedule.map(\.recordIndex) == [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3])
    }

    @Test func testScalingFloorsExactly() {
        // 7 µs at 3x is 2.33 µs: floor 2. 10 000 µs at 2/3x is 15 000 µs exactly.
        #expect(ReplaySpeed.times(3).scale(7) == 2)
        #expect(ReplaySpeed(numerator: 2, denominator: 3).scale(10_000) == 15_000)
        // A year of microseconds times a large denominator would overflow 64 bits on the way.
        let year: Int64 = 365 * 86_400 * 1_000_000
        #expect(ReplaySpeed(numerator: 1_000_000, denominator: 999_999).scale(year) == year / 1_000_000 * 999_999)
        #expect(ReplaySpeed.times(4) == ReplaySpeed(numerator: 8, denominator: 2))
    }

    @Test func testUnlimitedSendsEverythingAtZeroInOrder() {
        let schedule = ReplaySchedule(arrivalMicros: Self.arrivals, speed: .unlimited, loops: 2)
        #expect(schedule.allSatisfy { $0.sendOffsetMicros == 0 })
        #expect(schedule.map(\.recordIndex) == [0, 1, 2, 3, 0, 1, 2, 3])
    }

    @Test func testAStepBackInTimeKeepsOrderAndSendsRightAfter() {
        let schedule = ReplaySchedule(arrivalMicros: [0, 500, 200, 900], speed: .realTime)
        #expect(schedule.map(\.sendOffsetMicros) == [0, 500, 500, 900])
        #expect(schedule.map(\.recordIndex) == [0, 1, 2, 3])
    }

    @Test func testEmptyAndSingleRecordSchedules() {
        #expect(ReplaySchedule(arrivalMicros: [], speed: .realTime, loops: 5).isEmpty)
        let single = ReplaySchedule(arrivalMicros: [42], speed: .realTime, loops: 3)
        #expect(single.map(\.sendOffsetMicros) == [0, 0, 0])
    }
}
