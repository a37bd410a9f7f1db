/// One AVL record of Codec 8 or Codec 8 Extended, with every field as the tracker sent it.
///
/// Mapping to the domain (`fix`) is separate, so the raw IO elements stay available for the
/// audit trail and for IO ids MGIS does not interpret yet.
public struct TeltonikaRecord: Sendable {
    /// One IO element: AVL id and value, in wire order.
    public typealias IOElement = (id: UInt16, value: TeltonikaIOValue)

    /// Milliseconds since 1970-01-01T00:00:00Z (UTC).
    public var timestamp: UInt64
    /// 0 low, 1 high, 2 panic (as configured on the tracker per event).
    public var priority: UInt8
    /// Longitude x 10^7, signed (west negative).
    public var longitude: Int32
    /// Latitude x 10^7, signed (south negative).
    public var latitude: Int32
    /// Metres above sea level.
    public var altitude: Int16
    /// Course in whole degrees from north, clockwise.
    public var angle: UInt16
    /// Satellites in view.
    public var satellites: UInt8
    /// Ground speed in km/h; 0 when the GNSS data is not valid.
    public var speed: UInt16
    /// The IO id that caused the record, 0 for a periodic record.
    /// One byte on the wire in Codec 8, two in Codec 8 Extended.
    public var eventIOID: UInt16
    /// IO elements in wire order: the 1-, 2-, 4-, 8-byte groups, then variable-length ones.
    public var ioElements: [IOElement]

    /// Creates a record from its wire fields, as the decoder and encoder-side tools do.
    public init(
        timestamp: UInt64,
        priority: UInt8,
        longitude: Int32,
        latitude: Int32,
        altitude: Int16,
        angle: UInt16,
        satellites: UInt8,
        speed: UInt16,
        eventIOID: UInt16,
        ioElements: [IOElement]
    ) {
        self.timestamp = timestamp
        self.priority = priority
        self.longitude = longitude
        self.latitude = latitude
        self.altitude = altitude
        self.angle = angle
        self.satellites = satellites
        self.speed = speed
        self.eventIOID = eventIOID
        self.ioElements = ioElements
    }

    /// The value of the first IO element with `id`, or `nil` when the record does not carry it.
    public func ioValue(_ id: UInt16) -> TeltonikaIOValue? {
        ioElements.first { $0.id == id }?.value
    }
}

// Tuples cannot conform to protocols, so equality and hashing are spelled out over the elements.
extension TeltonikaRecord: Hashable {
    public static func == (lhs: TeltonikaRecord, rhs: TeltonikaRecord) -> Bool {
        lhs.timestamp == rhs.timestamp && lhs.priority == rhs.priority
            && lhs.longitude == rhs.longitude && lhs.latitude == rhs.latitude
            && lhs.altitude == rhs.altitude && lhs.angle == rhs.angle
            && lhs.satellites == rhs.satellites && lhs.speed == rhs.speed
            && lhs.eventIOID == rhs.eventIOID
            && lhs.ioElements.elementsEqual(rhs.ioElements) { $0.id == $1.id && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(timestamp)
        hasher.combine(longitude)
        hasher.combine(latitude)
        hasher.combine(eventIOID)
        hasher.combine(ioElements.count)
        for element in ioElements {
            hasher.combine(element.id)
            hasher.combine(element.value)
        }
    }
}
