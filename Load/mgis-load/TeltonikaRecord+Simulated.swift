import MGISCore
import MGISProtocol

extension TeltonikaRecord {
    /// External voltage reported while the car's engine runs (the alternator's 13.8 V).
    static let simulatedRunningMillivolts: UInt16 = 13_800

    /// The AVL record an FMB tracker would send for the simulated car's `fix`.
    ///
    /// Carries the IO elements the server maps back onto a `Fix` (ignition 239, movement 240,
    /// GNSS status 69, HDOP 182, external voltage 66, battery 113 when known), so what the server
    /// stores from a Teltonika run looks like what it stores from an MTP/1 run, and the IO
    /// parsing the server does for real trackers is exercised on every record. The external
    /// voltage follows the car's `externalPower` flag: 13.8 V with power, 0 V without, so the
    /// server's 6 V threshold gives back the same flag. Speed is whole km/h and the course whole
    /// degrees, as the wire carries them.
    init(simulating fix: Fix) {
        let flags = fix.flags
        var elements: [IOElement] = [
            (id: TeltonikaIOID.ignition, value: .uint8(flags.contains(.ignition) ? 1 : 0)),
            (id: TeltonikaIOID.movement, value: .uint8(flags.contains(.moving) ? 1 : 0)),
            (id: TeltonikaIOID.gnssStatus, value: .uint8(flags.contains(.fixValid) ? 1 : 2)),
        ]
        if fix.batteryPercent != Fix.unknownBattery {
            elements.append((id: TeltonikaIOID.batteryLevel, value: .uint8(fix.batteryPercent)))
        }
        if fix.hdopTenths != Fix.unknownHDOP {
            elements.append((id: TeltonikaIOID.gnssHDOP, value: .uint16(UInt16(fix.hdopTenths))))
        }
        let millivolts = flags.contains(.externalPower) ? Self.simulatedRunningMillivolts : 0
        elements.append((id: TeltonikaIOID.externalVoltage, value: .uint16(millivolts)))

        let kmh = fix.speedCmS == Fix.unknownSpeed ? 0 : UInt16((Double(fix.speedCmS) * 0.036).rounded())
        let degrees = fix.headingCentiDeg == Fix.unknownHeading ? 0 : (UInt16(fix.headingCentiDeg) + 50) / 100 % 360
        self.init(
            timestamp: UInt64(max(0, fix.timeMillis)),
            priority: 0,
            longitude: fix.lonE7,
            latitude: fix.latE7,
            altitude: fix.altitudeM,
            angle: degrees,
            satellites: fix.satellites,
            speed: kmh,
            eventIOID: 0,
            ioElements: elements
        )
    }
}
