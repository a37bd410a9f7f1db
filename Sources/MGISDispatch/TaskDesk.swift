public import Logging
public import MGISCore
public import MGISLive
public import MGISStore
public import MGISTasks
import MGISViolations
import Synchronization

/// Where tasks are changed and watched: every change goes through the domain's lifecycle and one
/// store transaction, then to the monitoring board and to live clients; every stored fix of a
/// unit with a task goes through the board.
///
/// The fix path runs on the ingest commit loop, so it only takes the board's lock, asks the board,
/// and hands what came out (arrivals, departures, alerts) to `run()`, which stores and announces
/// them and makes the GPS-driven transitions. Clock-driven alerts come from `tick()`, called by
/// `run()` every `tickInterval` and directly by tests with an injected clock.
public final class TaskDesk: Sendable {
    private struct Monitoring {
        var board: TaskMonitorBoard
        var unitOfDevice: [DeviceID: Int64] = [:]
        /// The newest version of each active task. Every task change goes through this desk, so
        /// arrivals and departures (many a second when units drive along an area's edge) take
        /// their task from here instead of reading it back from the store.
        var activeTasks: [Int64: PatrolTask] = [:]
        /// Tasks whose monitoring changed (an arrival, a departure) since the last tick: their
        /// cards are announced once per tick, however many crossings the tick saw.
        var monitoringChanged: Set<Int64> = []

        /// Keeps `task` unless a newer version is already here (two changes may finish out of order).
        mutating func keep(_ task: PatrolTask) {
            if task.state.isActive {
                if (activeTasks[task.id]?.version ?? Int.min) < task.version { activeTasks[task.id] = task }
            } else {
                activeTasks[task.id] = nil
            }
        }
    }

    private let store: Store
    private let violations: ViolationRegister?
    private let configuration: TaskDeskConfiguration
    private let nowMillis: @Sendable () -> Int64
    private let announce: @Sendable (TaskDeskEvent) -> Void
    private let logger: Logger
    private let monitoring: Mutex<Monitoring>
    private let produced: AsyncStream<[TaskEvent]>
    private let producedSink: AsyncStream<[TaskEvent]>.Continuation

    /// - Parameters:
    ///   - announce: receives every task change and alert for live clients; must not block.
    ///   - nowMillis: the clock; tests inject one to fire time-driven alerts.
    ///   - violations: where violations reported with a task's result are recorded.
    public init(
        store: Store,
        violations: ViolationRegister? = nil,
        configuration: TaskDeskConfiguration = TaskDeskConfiguration(),
        logger: Logger,
        nowMillis: @escaping @Sendable () -> Int64 = WallClock.nowMillis,
        announce: @escaping @Sendable (TaskDeskEvent) -> Void
    ) throws {
        self.store = store
        self.violations = violations
        self.configuration = configuration
        self.nowMillis = nowMillis
        self.announce = announce
        self.logger = logger
        var board = TaskMonitorBoard(configuration: TaskMonitorConfiguration(acknowledgeTimeoutMillis: configuration.acknowledgeTimeoutMillis))
        let active = try store.activeTasks()
        for task in active { board.add(task) }
        try Self.replayStoredFixes(for: active, into: &board, store: store)
        var state = Monitoring(board: board)
        for task in active { state.keep(task) }
        monitoring = Mutex(state)
        (produced, producedSink) = AsyncStream.makeStream(of: [TaskEvent].self)
        try reloadDirectory()
    }

    /// Starts watching the fixes `live` receives.
    public func watch(_ live: LiveState) {
        live.observe { [weak self] fixes in self?.observe(fixes) }
    }

    /// Re-reads which unit each device belongs to (after devices or units change).
    public func reloadDirectory() throws {
        var unitOfDevice: [DeviceID: Int64] = [:]
        for device in try store.devices() {
            if let unit = device.unitID { unitOfDevice[device.id] = unit }
        }
        monitoring.withLock { $0.unitOfDevice = unitOfDevice }
    }

    // MARK: Changes

    /// Creates a task as a draft; dispatching it is a step of its own.
    public func create(_ draft: TaskDraft, by actor: TaskActor) throws -> PatrolTask {
        try create(all: [draft], by: actor)[0]
    }

    /// Creates drafts all or none (one transaction), e.g. a template's occurrences in a range.
    public func create(all drafts: [TaskDraft], by actor: TaskActor) throws -> [PatrolTask] {
        let now = nowMillis()
        let tasks = try store.createTasks(count: drafts.count) { index, id in
            try TaskLifecycle.create(id: id, from: drafts[index], by: actor, at: now)
        }
        for task in tasks { announce(.task(task, monitoring: nil)) }
        return tasks
    }

    /// Replaces a task's planned fields, if its version is still `expectedVersion`.
    public func edit(taskID: Int64, with draft: TaskDraft, by actor: TaskActor, expectedVersion: Int) throws -> PatrolTask {
        let now = nowMillis()
        let task = try store.updateTask(id: taskID) { current in
            try TaskLifecycle.edit(current, with: draft, by: actor, at: now, expectedVersion: expectedVersion)
        }
        return changed(task)
    }

    /// Applies one lifecycle command.
    ///
    /// Completing with violations found on the spot records them in the register in the same
    /// transaction, linked to the task and the reporting unit: both are stored or neither.
    /// - Throws: `TaskResultViolationError` when the register refuses one of them.
    public func apply(_ command: TaskCommand, toTask taskID: Int64, by actor: TaskActor, expectedVersion: Int? = nil) throws -> PatrolTask {
        onSceneIfInside(try applyOnly(command, toTask: taskID, by: actor, expectedVersion: expectedVersion))
    }

    private func applyOnly(_ command: TaskCommand, toTask taskID: Int64, by actor: TaskActor, expectedVersion: Int?) throws -> PatrolTask {
        let now = nowMillis()
        let step = { (current: PatrolTask) in
            try TaskLifecycle.apply(command, to: current, by: actor, at: now, expectedVersion: expectedVersion)
        }
        guard case .complete(let result) = command, let violations, !result.violations.isEmpty else {
            return changed(try store.updateTask(id: taskID, step))
        }
        let (task, recorded) = try store.updateTask(id: taskID, step, creatingViolations: result.violations.count) { task, index, id in
            do {
                return try violations.make(Self.draft(of: result.violations[index], task: task, by: actor), id: id, nowMillis: now)
            } catch let error as ViolationError {
                throw TaskResultViolationError(index: index, error: error)
            }
        }
        violations.adopt(recorded)
        return changed(task)
    }

    /// A violation of a task's result as a register entry of that task and the reporting unit.
    private static func draft(of found: OnTheSpotViolation, task: PatrolTask, by actor: TaskActor) -> ViolationDraft {
        var unit: Int64? = task.assignedUnitIDs.first
        if case .patrol(let own) = actor.kind { unit = own }
        return ViolationDraft(
            observedMillis: found.observedMillis, location: found.location, typeCode: found.type,
            goodsDescription: found.goodsDescription, quantity: found.quantity, quantityUnit: found.quantityUnit,
            estimatedValueEUR: found.estimatedValueEUR, vehiclePlate: found.vehiclePlate, vehicleCountry: found.vehicleCountry,
            taskID: task.id, unitID: unit, reportingUserID: actor.userID
        )
    }

    /// Acknowledges an alert for `userID` and announces it.
    public func acknowledgeAlert(id: Int64, by userID: Int64) throws -> StoredTaskAlert {
        let alert = try store.acknowledgeAlert(id: id, userID: userID, nowMillis: nowMillis())
        announce(.alert(alert))
        return alert
    }

    /// What GPS monitoring measured for a task so far, if it is or was monitored since start-up.
    public func monitoringState(ofTask taskID: Int64) -> TaskMonitoringState? {
        let now = nowMillis()
        if let state = monitoring.withLock({ $0.board.monitoringState(ofTask: taskID, nowMillis: now) }) { return state }
        return try? store.taskMonitoring(taskID: taskID)
    }

    private func changed(_ task: PatrolTask) -> PatrolTask {
        let now = nowMillis()
        let state = monitoring.withLock { monitoring in
            monitoring.keep(task)
            monitoring.board.update(task)
            let state = monitoring.board.monitoringState(ofTask: task.id, nowMillis: now)
            // A finished task's monitor is frozen; what it measured moves to the store (for
            // reports after a restart) and out of memory.
            if task.state.isTerminal { monitoring.board.remove(taskID: task.id) }
            return state
        }
        if task.state.isTerminal, let state {
            do {
                try store.saveTaskMonitoring(state)
            } catch {
                logger.error("could not keep a finished task's monitoring", metadata: ["task": "\(task.id)", "error": "\(error)"])
            }
        }
        announce(.task(task, monitoring: state))
        return task
    }

    /// Rebuilds what monitoring had measured for the active tasks before a restart: each unit's
    /// stored fixes since its earliest dispatch go through the board again. What that produces
    /// (arrivals, alerts) was recorded the first time, so it is dropped here; the board only
    /// learns its state back, so alerts already raised are not raised twice.
    static func replayStoredFixes(for tasks: [PatrolTask], into board: inout TaskMonitorBoard, store: Store) throws {
        var since: [Int64: Int64] = [:]
        for task in tasks {
            guard let dispatched = task.latestDispatchMillis else { continue }
            for unit in task.assignedUnitIDs { since[unit] = min(since[unit] ?? dispatched, dispatched) }
        }
        guard !since.isEmpty else { return }
        for (unit, devices) in Dictionary(grouping: try store.devices().filter { $0.unitID != nil }, by: { $0.unitID! }) {
            guard let from = since[unit] else { continue }
            var fixes: [StoredFix] = []
            for device in devices { fixes += try store.fixes(device: device.id, from: from) }
            for stored in fixes.sorted(by: { $0.fix.timeMillis < $1.fix.timeMillis }) {
                _ = board.observe(unitID: unit, fix: stored.fix)
            }
        }
    }

    // MARK: Monitoring

    /// Feeds stored fixes to the board; runs on the ingest path, so it only hands results on.
    func observe(_ fixes: [DeviceFix]) {
        let events = monitoring.withLock { monitoring -> [TaskEvent] in
            var events: [TaskEvent] = []
            for deviceFix in fixes {
                guard let unit = monitoring.unitOfDevice[deviceFix.device] else { continue }
                events.append(contentsOf: monitoring.board.observe(unitID: unit, fix: deviceFix.fix))
            }
            return events
        }
        if !events.isEmpty { producedSink.yield(events) }
    }

    /// Raises the clock-driven alerts due now and stores and announces them, and announces the
    /// tasks whose monitoring changed since the last tick.
    public func tick() {
        let now = nowMillis()
        let (alerts, changed) = monitoring.withLock { monitoring in
            defer { monitoring.monitoringChanged.removeAll() }
            return (monitoring.board.tick(nowMillis: now), monitoring.monitoringChanged)
        }
        if !alerts.isEmpty { producedSink.yield(alerts.map(TaskEvent.alert)) }
        for taskID in changed.sorted() {
            if let task = activeTask(id: taskID) { announce(.task(task, monitoring: monitoringState(ofTask: taskID))) }
        }
    }

    /// Stores and announces what monitoring produced, makes GPS-driven transitions, and ticks.
    ///
    /// Settling writes to the store and so blocks its thread; `offload` says where it runs. The
    /// server hands it NIO's blocking-I/O pool, so that those writes do not hold one of Swift's
    /// few cooperative threads; by default it runs in place.
    public func run(offload: @escaping @Sendable (@escaping @Sendable () -> Void) async -> Void = { $0() }) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: self.configuration.tickInterval)
                    self.tick()
                }
            }
            group.addTask {
                for await events in self.produced {
                    await offload { self.settle(events) }
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Ends `run()` once what was produced so far is settled.
    public func finish() {
        producedSink.finish()
    }

    /// Processes events synchronously; `run()` calls it, tests may too (see `settlePending`).
    func settle(_ events: [TaskEvent]) {
        var stored: [StoredTaskEvent] = []
        var alerts: [TaskAlert] = []
        var arrivals: [(taskID: Int64, unitID: Int64)] = []
        for event in events {
            switch event {
            case .arrived(let taskID, let unitID, let at):
                stored.append(StoredTaskEvent(taskID: taskID, unitID: unitID, kind: .arrived, atMillis: at))
                arrivals.append((taskID, unitID))
            case .departed(let taskID, let unitID, let at):
                stored.append(StoredTaskEvent(taskID: taskID, unitID: unitID, kind: .departed, atMillis: at))
            case .alert(let alert):
                alerts.append(alert)
            }
        }
        do {
            try store.recordTaskEvents(stored)
            for alert in try store.insertAlerts(alerts) { announce(.alert(alert)) }
        } catch {
            logger.error("could not store task monitoring events", metadata: ["error": "\(error)"])
        }
        for (taskID, unitID) in arrivals { arrive(taskID: taskID, unitID: unitID) }
        // Arrivals and departures change what a dispatcher sees on the task's card: announced on
        // the next tick, once. A unit driving along its area's edge crosses it on many fixes a
        // second, and a task frame per crossing cost more than all the rest of ingest.
        monitoring.withLock { $0.monitoringChanged.formUnion(stored.map(\.taskID)) }
    }

    /// The newest version of an active task: from memory, else (it was never seen active here) the store.
    private func activeTask(id: Int64) -> PatrolTask? {
        if let task = monitoring.withLock({ $0.activeTasks[id] }) { return task }
        return try? store.task(id: id)
    }

    /// A task just acknowledged (or set en route) while one of its units is already in the area
    /// (GPS saw the arrival before, when the task was only dispatched) is on scene at once: the
    /// card must not say "acknowledged" beside "inside area, 5 min on scene".
    private func onSceneIfInside(_ task: PatrolTask) -> PatrolTask {
        guard configuration.arrivalMarksOnScene, task.state == .acknowledged || task.state == .enRoute,
            monitoringState(ofTask: task.id)?.units.contains(where: { $0.isAssigned && $0.isInside }) == true
        else { return task }
        do {
            return try applyOnly(.arriveOnScene, toTask: task.id, by: .system, expectedVersion: nil)
        } catch {
            logger.info("a unit inside the area did not move the task on scene", metadata: ["task": "\(task.id)", "error": "\(error)"])
            return task
        }
    }

    /// A unit reached its task's area: an acknowledged or en-route task is now on scene.
    private func arrive(taskID: Int64, unitID: Int64) {
        guard configuration.arrivalMarksOnScene, let task = activeTask(id: taskID),
            task.state == .acknowledged || task.state == .enRoute
        else { return }
        do {
            _ = try apply(.arriveOnScene, toTask: taskID, by: .system)
        } catch {
            logger.info("GPS arrival did not move the task on scene", metadata: ["task": "\(taskID)", "unit": "\(unitID)", "error": "\(error)"])
        }
    }
}
