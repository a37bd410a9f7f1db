public import MGISCore

/// Follows one active task's units through their GPS fixes: when each arrived in and left the
/// area, how long it stayed, how far it drove, and which alerts are due.
///
/// Rules, chosen so that results are exact and reproducible from the stored track:
/// - Fixes must be fed per unit in time order. A fix not newer than the unit's last accepted
///   fix (late or duplicate) is ignored, as are fixes older than the unit's dispatch.
/// - Fixes without `FixFlags.fixValid` are ignored: a position without a satellite fix would
///   fake arrivals and departures. (Panic is detected from every fix, by `PanicDetector`.)
/// - Arrival is the time of the first fix inside the area, departure the time of the first fix
///   outside after it; time on scene is the sum of departure minus arrival, an open stay
///   counting up to the time it is read at.
/// - Distance is the sum of haversine distances between consecutive accepted fixes.
/// - Once the task is terminal (through `update`) the monitor freezes: open stays close at the
///   moment the task finished and later fixes change nothing; a unit that was inside then still
///   reads as inside (its last known place), not as departed. The same happens to one unit
///   when a redispatch takes it off the task.
/// - Alerts fire once per task, unit and kind; see `tick(nowMillis:)` and `observe`.
public struct TaskMonitor: Sendable {
    /// Visits recorded per unit for timelines; time on scene stays exact beyond it.
    public static let maximumRecordedVisits = 1000

    public let taskID: Int64
    public private(set) var state: TaskState
    public private(set) var window: TimeWindow
    public let configuration: TaskMonitorConfiguration
    var matcher: AreaMatcher
    var units: [UnitPresence]
    var latestDispatchMillis: Int64?
    var raised: Set<AlertKey> = []

    struct AlertKey: Hashable, Sendable {
        var kind: TaskAlertKind
        var unitID: Int64?
    }

    public init(task: PatrolTask, configuration: TaskMonitorConfiguration = TaskMonitorConfiguration()) {
        self.taskID = task.id
        self.state = task.state
        self.window = task.window
        self.configuration = configuration
        self.matcher = AreaMatcher(task.area)
        self.latestDispatchMillis = task.latestDispatchMillis
        let since = task.latestDispatchMillis ?? task.updatedMillis
        self.units = task.assignedUnitIDs.map { UnitPresence(unitID: $0, trackingSinceMillis: since) }
        if task.state.isTerminal { freeze(at: task.finishedMillis ?? task.updatedMillis) }
    }

    /// Whether fixes still change the monitor: the task is dispatched and not yet finished.
    public var isWatching: Bool { state.isActive }

    /// The units currently assigned, which `observe` listens to.
    public var watchedUnitIDs: [Int64] {
        isWatching ? units.filter(\.isAssigned).map(\.unitID) : []
    }

    /// Takes in a new version of the task: state, window, area and units. Keeps what was
    /// measured so far; new units are tracked from the latest dispatch.
    public mutating func update(task: PatrolTask) {
        precondition(task.id == taskID, "a monitor follows one task")
        state = task.state
        if task.window.startMillis != window.startMillis {
            // The start moved: settle "inside at start" again from the fixes still to come.
            for index in units.indices { units[index].insideAtWindowStart = nil }
        }
        window = task.window
        if task.area != matcher.area { matcher = AreaMatcher(task.area) }
        if task.latestDispatchMillis != latestDispatchMillis {
            latestDispatchMillis = task.latestDispatchMillis
            raised.remove(AlertKey(kind: .notAcknowledged, unitID: nil))
        }
        let assigned = Set(task.assignedUnitIDs)
        for index in units.indices where units[index].isAssigned && !assigned.contains(units[index].unitID) {
            units[index].isAssigned = false
            units[index].leave(at: task.updatedMillis, observed: false)
        }
        for unitID in task.assignedUnitIDs {
            if let index = units.firstIndex(where: { $0.unitID == unitID }) {
                units[index].isAssigned = true
            } else {
                units.append(UnitPresence(unitID: unitID, trackingSinceMillis: latestDispatchMillis ?? task.updatedMillis))
            }
        }
        if task.state.isTerminal { freeze(at: task.finishedMillis ?? task.updatedMillis) }
    }

    /// Feeds one fix of `unitID`; returns arrivals, departures and `left_area_early` alerts.
    ///
    /// `left_area_early` is raised here, at the departing fix, when the unit leaves during the
    /// window (`window.startMillis <= fix time < window.endMillis`); leaving before the window
    /// starts is driving through, and `not_on_scene_at_start` covers it.
    public mutating func observe(unitID: Int64, fix: Fix) -> [TaskEvent] {
        guard isWatching, fix.flags.contains(.fixValid),
            let index = units.firstIndex(where: { $0.unitID == unitID && $0.isAssigned })
        else { return [] }
        let time = fix.timeMillis
        guard time >= units[index].trackingSinceMillis, time > (units[index].lastFixMillis ?? .min) else { return [] }

        let point = fix.point
        if let last = units[index].lastPoint { units[index].distanceMeters += last.distanceMeters(to: point) }
        units[index].lastPoint = point
        units[index].lastFixMillis = time
        if units[index].insideAtWindowStart == nil, time > window.startMillis {
            units[index].insideAtWindowStart = units[index].insideSinceMillis != nil
        }

        let inside = matcher.contains(point)
        if !inside { units[index].insideWhenStopped = false }
        let wasInside = units[index].insideSinceMillis != nil
        if inside, !wasInside {
            units[index].arrive(at: time)
            return [.arrived(taskID: taskID, unitID: unitID, atMillis: time)]
        }
        if !inside, wasInside {
            units[index].leave(at: time, observed: true)
            var events: [TaskEvent] = [.departed(taskID: taskID, unitID: unitID, atMillis: time)]
            if window.contains(time), let alert = raiseOnce(leftEarlyAlert(unitID: unitID, at: time)) {
                events.append(.alert(alert))
            }
            return events
        }
        return []
    }

    /// The measured state of every unit, open stays counted up to `nowMillis`.
    public func monitoringState(nowMillis: Int64) -> TaskMonitoringState {
        TaskMonitoringState(taskID: taskID, units: units.map { $0.snapshot(nowMillis: nowMillis) }.sorted { $0.unitID < $1.unitID })
    }

    private mutating func freeze(at millis: Int64) {
        for index in units.indices { units[index].leave(at: millis, observed: false) }
    }
}
