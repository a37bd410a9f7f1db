/// One `<trkpt>`: position in the wire's fixed point, time, and what else GPX may carry.
public struct GPXPoint: Hashable, Sendable {
    /// Latitude x 10^7, rounded half away from zero on the decimal text.
    public var latE7: Int32
    /// Longitude x 10^7, likewise.
    public var lonE7: Int32
    /// `<ele>` in metres, if present.
    public var elevationMeters: Double?
    /// `<time>` as Unix milliseconds (UTC).
    public var timeMillis: Int64
    /// `<sat>`, if present.
    public var satellites: Int?
    /// `<hdop>`, if present.
    public var hdop: Double?
    /// The line the `<trkpt>` starts on, for later errors.
    public var line: Int

    public init(latE7: Int32, lonE7: Int32, elevationMeters: Double? = nil, timeMillis: Int64, satellites: Int? = nil, hdop: Double? = nil, line: Int = 0) {
        self.latE7 = latE7
        self.lonE7 = lonE7
        self.elevationMeters = elevationMeters
        self.timeMillis = timeMillis
        self.satellites = satellites
        self.hdop = hdop
        self.line = line
    }
}
