import MGISCore
import MGISProtocol
import Testing

/// The documented mapping from a Teltonika record to a domain `Fix`.
@Suite struct TeltonikaFixMappingTests {
    static func record(
        priority: UInt8 = 0,
        angle: UInt16 = 90,
        satellites: UInt8 = 9,
        speed: UInt16 = 49,
        io: [TeltonikaRecord.IOElement] = []
    ) -> TeltonikaRecord {
        TeltonikaRecord(
            timestamp: 1_499_873_081_000, priority: priority, longitude: 4_124_566, latitude: 516_301_150,
            altitude: 109, angle: angle, satellites: satellites, speed: speed, eventIOID: 0, ioElements: io
        )
    }

    @Test func testPositionTimeAndMotion() {
        let fix = Self.record().fix
        #expect(fix.timeMillis == 1_499_873_081_000)
        #expect(fix.latE7 == 516_301_150 && fix.lonE7 == 4_124_566)
        #expect(fix.altitudeM == 109 && fix.satellites == 9)
        #expect(fix.speedCmS == 1_361)  // 49 km/h = 13.61 m/s
        #expect(fix.headingCentiDeg == 9_000)
        #expect(fix.hdopTenths == Fix.unknownHDOP && fix.batteryPercent == Fix.unknownBattery)
        #expect(fix.flags == [.fixValid])
    }

    @Test func testSpeedRoundsAndCaps() {
        #expect(Self.record(speed: 1).fix.speedCmS == 28)  // 27.78
        #expect(Self.record(speed: 0).fix.speedCmS == 0)
        #expect(Self.record(speed: .max).fix.speedCmS == Fix.unknownSpeed - 1)
    }

    @Test func testHeadingEdges() {
        #expect(Self.record(angle: 0).fix.headingCentiDeg == 0)
        #expect(Self.record(angle: 359).fix.headingCentiDeg == 35_900)
        #expect(Self.record(angle: 360).fix.headingCentiDeg == 0)
        #expect(Self.record(angle: 361).fix.headingCentiDeg == Fix.unknownHeading)
    }

    @Test func testFixValidity() {
        #expect(!Self.record(satellites: 0).fix.flags.contains(.fixValid))
        // GNSS status decides when present: "on without fix" still reports satellites in view.
        #expect(!Self.record(satellites: 7, io: [(69, .uint8(2))]).fix.flags.contains(.fixValid))
        #expect(Self.record(satellites: 0, io: [(69, .uint8(1))]).fix.flags.contains(.fixValid))
    }

    @Test func testIOElementsBecomeFlagsAndMeasurements() {
        let all = Self.record(io: [
            (239, .uint8(1)), (240, .uint8(1)), (236, .uint8(1)), (252, .uint8(1)), (113, .uint8(87)),
            (66, .uint16(12_600)), (182, .uint16(9)),
        ]).fix
        #expect(all.flags == [.fixValid, .ignition, .moving, .alarm, .tamper, .externalPower])
        #expect(all.batteryPercent == 87 && all.hdopTenths == 9)

        let none = Self.record(io: [
            (239, .uint8(0)), (240, .uint8(0)), (236, .uint8(0)), (252, .uint8(0)), (113, .uint8(101)),
            (66, .uint16(4_100)), (182, .uint16(999)),
        ]).fix
        #expect(none.flags == [.fixValid])
        #expect(none.batteryPercent == Fix.unknownBattery && none.hdopTenths == 254)
    }

    @Test func testPanicPriorityRaisesTheAlarm() {
        #expect(Self.record(priority: 2).fix.flags.contains(.alarm))
        #expect(!Self.record(priority: 1).fix.flags.contains(.alarm))
    }
}
