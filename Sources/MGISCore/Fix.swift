/// One position report of one tracker, in the fixed-point units trackers send.
///
/// Fields keep the integer forms of the wire so that what is stored reads back exactly;
/// the computed properties give the SI values and `nil` for the "unknown" sentinels.
public struct Fix: Hashable, Sendable {
    /// Fix time in milliseconds since 1970-01-01T00:00:00Z.
    public var timeMillis: Int64
    /// Latitude x 10^7, -900000000 ... 900000000.
    public var latE7: Int32
    /// Longitude x 10^7, -1800000000 ... 1800000000.
    public var lonE7: Int32
    /// Ground speed in cm/s; `Fix.unknownSpeed` when unknown.
    public var speedCmS: UInt16
    /// Course over ground in 0.01 degree, 0 ... 35999; `Fix.unknownHeading` when unknown.
    public var headingCentiDeg: UInt16
    /// Metres above sea level; `Fix.unknownAltitude` when unknown.
    public var altitudeM: Int16
    /// Horizontal dilution of precision x 10; `Fix.unknownHDOP` when unknown.
    public var hdopTenths: UInt8
    /// Satellites used.
    public var satellites: UInt8
    /// Status bits.
    public var flags: FixFlags
    /// Battery charge in percent, 0 ... 100; `Fix.unknownBattery` when unknown.
    public var batteryPercent: UInt8

    public static let unknownSpeed: UInt16 = 0xFFFF
    public static let unknownHeading: UInt16 = 0xFFFF
    public static let unknownAltitude: Int16 = .min
    public static let unknownHDOP: UInt8 = 255
    public static let unknownBattery: UInt8 = 255

    /// Creates a fix; every optional measurement defaults to "unknown".
    /// - Parameters:
    ///   - timeMillis: fix time, milliseconds since the Unix epoch.
    ///   - latE7: latitude x 10^7.
    ///   - lonE7: longitude x 10^7.
    public init(
        timeMillis: Int64,
        latE7: Int32,
        lonE7: Int32,
        speedCmS: UInt16 = Fix.unknownSpeed,
        headingCentiDeg: UInt16 = Fix.unknownHeading,
        altitudeM: Int16 = Fix.unknownAltitude,
        hdopTenths: UInt8 = Fix.unknownHDOP,
        satellites: UInt8 = 0,
        flags: FixFlags = [],
        batteryPercent: UInt8 = Fix.unknownBattery
    ) {
        self.timeMillis = timeMillis
        self.latE7 = latE7
        self.lonE7 = lonE7
        self.speedCmS = speedCmS
        self.headingCentiDeg = headingCentiDeg
        self.altitudeM = altitudeM
        self.hdopTenths = hdopTenths
        self.satellites = satellites
        self.flags = flags
        self.batteryPercent = batteryPercent
    }
}

extension Fix {
    /// Latitude in degrees.
    public var latitude: Double { Double(latE7) / 1e7 }
    /// Longitude in degrees.
    public var longitude: Double { Double(lonE7) / 1e7 }
    /// Ground speed in m/s, or `nil` when the tracker did not know it.
    public var speedMetersPerSecond: Double? {
        speedCmS == Fix.unknownSpeed ? nil : Double(speedCmS) / 100
    }
    /// Course over ground in degrees, or `nil` when unknown.
    public var headingDegrees: Double? {
        headingCentiDeg == Fix.unknownHeading ? nil : Double(headingCentiDeg) / 100
    }
    /// Altitude in metres, or `nil` when unknown.
    public var altitudeMeters: Int? {
        altitudeM == Fix.unknownAltitude ? nil : Int(altitudeM)
    }
    /// HDOP, or `nil` when unknown.
    public var hdop: Double? {
        hdopTenths == Fix.unknownHDOP ? nil : Double(hdopTenths) / 10
    }
    /// Battery charge in percent, or `nil` when unknown.
    public var battery: Int? {
        batteryPercent == Fix.unknownBattery ? nil : Int(batteryPercent)
    }
}
