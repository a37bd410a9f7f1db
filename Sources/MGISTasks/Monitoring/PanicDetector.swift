public import MGISCore

/// Raises a `panic` alert the moment a unit's fix carries `FixFlags.alarm`, whatever task the
/// unit is on. One alert per press: the unit stays "in alarm" until a newer fix without the flag
/// clears it, and alarm fixes not newer than that clearing fix (late arrivals) are ignored.
/// Position validity does not matter: an officer in trouble may have no satellite fix.
public struct PanicDetector: Sendable {
    /// Units in alarm, with the time of the fix that raised it.
    private var alarmedSince: [Int64: Int64] = [:]
    /// When each unit's last alarm was cleared.
    private var clearedAt: [Int64: Int64] = [:]

    public init() {}

    /// The units whose alarm has not been cleared, ascending.
    public var unitsInAlarm: [Int64] { alarmedSince.keys.sorted() }

    /// Feeds one fix of `unitID`; returns the alert when it starts a new alarm.
    /// Cheap for the common case: a fix without the flag while no unit is in alarm is one test.
    @inline(__always)
    public mutating func observe(unitID: Int64, fix: Fix) -> TaskAlert? {
        guard fix.flags.contains(.alarm) else {
            if !alarmedSince.isEmpty, let since = alarmedSince[unitID], fix.timeMillis > since {
                alarmedSince[unitID] = nil
                clearedAt[unitID] = fix.timeMillis
            }
            return nil
        }
        guard alarmedSince[unitID] == nil, fix.timeMillis > clearedAt[unitID, default: .min] else { return nil }
        alarmedSince[unitID] = fix.timeMillis
        return TaskAlert(
            kind: .panic,
            taskID: nil,
            unitID: unitID,
            raisedMillis: fix.timeMillis,
            message: "unit \(unitID) pressed the panic button"
        )
    }
}
