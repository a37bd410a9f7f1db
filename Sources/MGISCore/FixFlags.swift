/// Status bits a tracker reports with each fix (MTP/1 record offset 20).
///
/// Bits 6-15 are reserved: they are kept as received but carry no meaning.
public struct FixFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The receiver had a valid satellite fix.
    public static let fixValid = FixFlags(rawValue: 1 << 0)
    /// The vehicle's ignition is on.
    public static let ignition = FixFlags(rawValue: 1 << 1)
    /// The panic button was pressed: an officer needs help.
    public static let alarm = FixFlags(rawValue: 1 << 2)
    /// The tracker's case or wiring was tampered with.
    public static let tamper = FixFlags(rawValue: 1 << 3)
    /// The tracker runs on the vehicle's power rather than its battery.
    public static let externalPower = FixFlags(rawValue: 1 << 4)
    /// The vehicle is moving.
    public static let moving = FixFlags(rawValue: 1 << 5)
}
