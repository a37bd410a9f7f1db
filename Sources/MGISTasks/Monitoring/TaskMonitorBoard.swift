public import MGISCore

/// The monitors of all active tasks, indexed by unit, plus panic detection: what the ingest
/// path calls for every fix.
///
/// `observe` costs one dictionary lookup for a unit without tasks, and for a unit with tasks a
/// box test per task before any exact area test, so thousands of active tasks add little to
/// ingest. Monitors of tasks that became terminal stay readable (for reports) until `remove`,
/// but are no longer indexed, so they cost nothing per fix.
public struct TaskMonitorBoard: Sendable {
    public let configuration: TaskMonitorConfiguration
    private var monitors: [Int64: TaskMonitor] = [:]
    /// Unit id to the ids of the watched tasks it is assigned to.
    private var tasksByUnit: [Int64: [Int64]] = [:]
    private var panic = PanicDetector()

    public init(configuration: TaskMonitorConfiguration = TaskMonitorConfiguration()) {
        self.configuration = configuration
    }

    /// The ids of all tasks with a monitor, watched or frozen, ascending.
    public var taskIDs: [Int64] { monitors.keys.sorted() }

    /// The watched tasks `unitID` is assigned to, in the order they were added.
    public func taskIDs(ofUnit unitID: Int64) -> [Int64] { tasksByUnit[unitID] ?? [] }

    /// Starts monitoring an active task afresh, replacing any monitor of the same id.
    /// Drafts and terminal tasks are not monitored and are ignored.
    public mutating func add(_ task: PatrolTask) {
        guard task.state.isActive else { return }
        unindex(task.id)
        let monitor = TaskMonitor(task: task, configuration: configuration)
        monitors[task.id] = monitor
        index(monitor)
    }

    /// Applies a new version of a task to its monitor, keeping what was measured; adds a monitor
    /// for an active task not yet on the board. A terminal task's monitor freezes.
    public mutating func update(_ task: PatrolTask) {
        guard monitors[task.id] != nil else { return add(task) }
        unindex(task.id)
        monitors[task.id]?.update(task: task)
        if let monitor = monitors[task.id] { index(monitor) }
    }

    /// Forgets a task and what was measured for it.
    public mutating func remove(taskID: Int64) {
        unindex(taskID)
        monitors[taskID] = nil
    }

    /// Feeds one fix of `unitID` to panic detection and to the monitors of the unit's tasks.
    public mutating func observe(unitID: Int64, fix: Fix) -> [TaskEvent] {
        var events: [TaskEvent] = []
        if let alert = panic.observe(unitID: unitID, fix: fix) { events.append(.alert(alert)) }
        guard let taskIDs = tasksByUnit[unitID] else { return events }
        for taskID in taskIDs {
            let produced = monitors[taskID]?.observe(unitID: unitID, fix: fix) ?? []
            if !produced.isEmpty { events.append(contentsOf: produced) }
        }
        return events
    }

    /// Raises the clock-driven alerts of every watched task (see `TaskMonitor.tick`), ordered by task, unit and kind.
    public mutating func tick(nowMillis: Int64) -> [TaskAlert] {
        var alerts: [TaskAlert] = []
        for index in monitors.values.indices where monitors.values[index].isWatching {
            alerts.append(contentsOf: monitors.values[index].tick(nowMillis: nowMillis))
        }
        return alerts.sorted {
            ($0.taskID ?? 0, $0.unitID ?? 0, $0.kind.rawValue) < ($1.taskID ?? 0, $1.unitID ?? 0, $1.kind.rawValue)
        }
    }

    /// The units whose panic alarm is not yet cleared.
    public var unitsInAlarm: [Int64] { panic.unitsInAlarm }

    /// What was measured for a task, open stays counted up to `nowMillis`; `nil` if not on the board.
    public func monitoringState(ofTask taskID: Int64, nowMillis: Int64) -> TaskMonitoringState? {
        monitors[taskID]?.monitoringState(nowMillis: nowMillis)
    }

    /// What was measured for every task on the board, by task id.
    public func monitoringStates(nowMillis: Int64) -> [Int64: TaskMonitoringState] {
        monitors.mapValues { $0.monitoringState(nowMillis: nowMillis) }
    }

    private mutating func index(_ monitor: TaskMonitor) {
        for unitID in monitor.watchedUnitIDs { tasksByUnit[unitID, default: []].append(monitor.taskID) }
    }

    private mutating func unindex(_ taskID: Int64) {
        guard let monitor = monitors[taskID] else { return }
        for unitID in monitor.watchedUnitIDs {
            tasksByUnit[unitID]?.removeAll { $0 == taskID }
            if tasksByUnit[unitID]?.isEmpty == true { tasksByUnit[unitID] = nil }
        }
    }
}
