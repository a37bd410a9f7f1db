public import MGISCore

/// Which unit each device belongs to. Devices not in `unitOfDevice` are not shown.
///
/// A device mapped to a unit id missing from `units` is not shown either: the feed has no
/// name or call sign to show it with.
public struct FeedDirectory: Hashable, Sendable {
    /// Every unit a display may see, by id.
    public var units: [String: UnitInfo]
    /// The unit each shown device belongs to; a unit may have several devices.
    public var unitOfDevice: [DeviceID: String]

    /// - Parameters:
    ///   - units: every unit a display may see, by id.
    ///   - unitOfDevice: the unit each shown device belongs to.
    public init(units: [String: UnitInfo] = [:], unitOfDevice: [DeviceID: String] = [:]) {
        self.units = units
        self.unitOfDevice = unitOfDevice
    }
}
