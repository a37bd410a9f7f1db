import MGISTasks

extension TaskMonitoringState {
    /// What a caller confined to one unit (`Identity.confinedUnit`) may see of a task's GPS
    /// monitoring: its own unit's arrival, departure, time on scene and distance, not those of
    /// another unit sharing the task (they tell where that unit is). Unconfined callers see all.
    func shown(to confinedUnit: Int64??) -> TaskMonitoringState {
        guard case .some(let own) = confinedUnit else { return self }
        return TaskMonitoringState(taskID: taskID, units: units.filter { own != nil && $0.unitID == own })
    }
}
