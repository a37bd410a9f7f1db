public import MGISCore

extension TeltonikaRecord {
    /// External voltage above which the tracker is taken to run on vehicle power: 6 V sits
    /// below any 12 V or 24 V system yet above the tracker's own backup battery (about 4 V).
    public static let externalPowerThresholdMillivolts: UInt64 = 6_000

    /// The record as a domain `Fix`. The raw record stays the source of truth; this mapping:
    ///
    /// - time: `timestamp` ms as is (clamped to `Int64`).
    /// - latitude / longitude: x 10^7 as is (Teltonika already uses that scale).
    /// - speed: km/h x 100 000 / 3 600, rounded half up, to cm/s; capped at 65 534 so it never
    ///   reads as the unknown sentinel.
    /// - heading: `angle` degrees x 100; 360 is north (0); above 360 is unknown.
    /// - altitude: metres as is.
    /// - satellites: as is (satellites in view).
    /// - HDOP: IO 182 (GNSS HDOP, multiplier 0.1) is already tenths; capped at 254; unknown
    ///   when the record does not carry IO 182.
    /// - fixValid: IO 69 (GNSS status) == 1 when present, since a tracker "on without fix"
    ///   still reports satellites in view and its last position; otherwise satellites > 0.
    /// - ignition: IO 239 == 1. moving: IO 240 == 1.
    /// - externalPower: IO 66 (external voltage, mV) above `externalPowerThresholdMillivolts`.
    /// - alarm: IO 236 (alarm) == 1, or priority 2 ("panic"): trackers must be configured to
    ///   give panic priority only to the panic input, as an alarm calls for help.
    /// - tamper: IO 252 (unplug) == 1.
    /// - battery: IO 113 (battery level %) when 0 ... 100, otherwise unknown.
    public var fix: Fix {
        var flags: FixFlags = []
        if let status = ioInteger(TeltonikaIOID.gnssStatus) {
            if status == 1 { flags.insert(.fixValid) }
        } else if satellites > 0 {
            flags.insert(.fixValid)
        }
        if ioInteger(TeltonikaIOID.ignition) == 1 { flags.insert(.ignition) }
        if ioInteger(TeltonikaIOID.movement) == 1 { flags.insert(.moving) }
        if let millivolts = ioInteger(TeltonikaIOID.externalVoltage), millivolts > Self.externalPowerThresholdMillivolts {
            flags.insert(.externalPower)
        }
        if ioInteger(TeltonikaIOID.alarm) == 1 || priority == 2 { flags.insert(.alarm) }
        if ioInteger(TeltonikaIOID.unplug) == 1 { flags.insert(.tamper) }

        let heading: UInt16 = switch angle {
        case 0..<360: angle * 100
        case 360: 0
        default: Fix.unknownHeading
        }
        let speedCmS = min((UInt64(speed) * 100_000 + 1_800) / 3_600, UInt64(Fix.unknownSpeed - 1))
        let hdop = ioInteger(TeltonikaIOID.gnssHDOP).map { UInt8(min($0, UInt64(Fix.unknownHDOP - 1))) } ?? Fix.unknownHDOP
        let battery = ioInteger(TeltonikaIOID.batteryLevel).flatMap { $0 <= 100 ? UInt8($0) : nil } ?? Fix.unknownBattery

        return Fix(
            timeMillis: Int64(clamping: timestamp),
            latE7: latitude,
            lonE7: longitude,
            speedCmS: UInt16(speedCmS),
            headingCentiDeg: heading,
            altitudeM: altitude,
            hdopTenths: hdop,
            satellites: satellites,
            flags: flags,
            batteryPercent: battery
        )
    }

    private func ioInteger(_ id: UInt16) -> UInt64? {
        ioValue(id)?.unsignedValue
    }
}
