/// A mobile group: a patrol crew with its car(s). Its devices' fixes are its positions.
public struct PatrolUnit: Hashable, Sendable {
    public var id: Int64
    public var name: String
    /// The radio call sign, shown on maps.
    public var callSign: String
    public var homeStation: String
    /// Users who are members of the unit.
    public var memberIDs: [Int64]
    /// Trackers assigned to the unit.
    public var deviceIDs: [DeviceID]

    public init(id: Int64, name: String, callSign: String, homeStation: String, memberIDs: [Int64], deviceIDs: [DeviceID]) {
        self.id = id
        self.name = name
        self.callSign = callSign
        self.homeStation = homeStation
        self.memberIDs = memberIDs
        self.deviceIDs = deviceIDs
    }
}
