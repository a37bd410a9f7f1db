/// The number a tracker is registered under, 1 ... 2^32-1.
///
/// MTP/1 carries it in every datagram; Teltonika trackers are mapped to one by their IMEI.
public struct DeviceID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    /// - Parameter rawValue: the registered number; 0 is not a valid device id.
    public init?(rawValue: UInt32) {
        guard rawValue != 0 else { return nil }
        self.rawValue = rawValue
    }

    /// Wraps a number already known to be non-zero (decoded and checked elsewhere).
    public init(unchecked rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: DeviceID, rhs: DeviceID) -> Bool { lhs.rawValue < rhs.rawValue }
}
