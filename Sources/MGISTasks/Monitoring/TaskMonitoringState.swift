/// What monitoring knows about one task: one entry per unit ever assigned since monitoring began.
public struct TaskMonitoringState: Hashable, Sendable, Codable {
    public var taskID: Int64
    /// Ordered by unit id.
    public var units: [UnitMonitoringState]

    public init(taskID: Int64, units: [UnitMonitoringState]) {
        self.taskID = taskID
        self.units = units
    }

    /// The state of `unitID`, if it was ever assigned to the task.
    public func unit(_ unitID: Int64) -> UnitMonitoringState? {
        units.first { $0.unitID == unitID }
    }
}
