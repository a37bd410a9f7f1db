import Foundation
import GRDB
public import MGISTasks
public import MGISViolations

/// Which tasks a list asks for; every field narrows it, nil means any.
public struct TaskQuery: Sendable {
    public var states: Set<TaskState>?
    public var unitID: Int64?
    /// Tasks whose window ends after this ...
    public var fromMillis: Int64?
    /// ... and starts before this.
    public var toMillis: Int64?
    public var limit: Int

    public init(states: Set<TaskState>? = nil, unitID: Int64? = nil, fromMillis: Int64? = nil, toMillis: Int64? = nil, limit: Int = 1000) {
        self.states = states
        self.unitID = unitID
        self.fromMillis = fromMillis
        self.toMillis = toMillis
        self.limit = limit
    }
}

extension Store {
    static let taskEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Creates a task; `make` receives the new id inside the transaction (and may refuse by throwing).
    public func createTask(_ make: (Int64) throws -> PatrolTask) throws -> PatrolTask {
        try createTasks(count: 1) { _, id in try make(id) }[0]
    }

    /// Creates `count` tasks in one transaction, all or none; `make` receives each index and new id.
    public func createTasks(count: Int, _ make: (_ index: Int, _ id: Int64) throws -> PatrolTask) throws -> [PatrolTask] {
        try pool.write { db in
            let first = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM tasks") ?? 0) + 1
            return try (0..<count).map { index in
                let task = try make(index, first + Int64(index))
                try Self.insertTask(db, task)
                return task
            }
        }
    }

    public func task(id: Int64) throws -> PatrolTask? {
        try pool.read { db in try Self.fetchTask(db, id: id) }
    }

    /// Tasks matching `query`, newest window first.
    public func tasks(_ query: TaskQuery) throws -> [PatrolTask] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let states = query.states {
            conditions.append("state IN (\(states.map { _ in "?" }.joined(separator: ",")))")
            for state in states.sorted(by: { $0.rawValue < $1.rawValue }) { _ = arguments.append(contentsOf: [state.rawValue]) }
        }
        if let unit = query.unitID {
            conditions.append("id IN (SELECT task_id FROM task_units WHERE unit_id = ?)")
            _ = arguments.append(contentsOf: [unit])
        }
        if let from = query.fromMillis {
            conditions.append("window_end_ms > ?")
            _ = arguments.append(contentsOf: [from])
        }
        if let to = query.toMillis {
            conditions.append("window_start_ms < ?")
            _ = arguments.append(contentsOf: [to])
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        _ = arguments.append(contentsOf: [query.limit])
        return try pool.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM tasks \(filter) ORDER BY window_start_ms DESC, id DESC LIMIT ?", arguments: arguments)
                .map(Self.decodeTask)
        }
    }

    /// Tasks that monitoring follows: dispatched and not yet finished.
    public func activeTasks() throws -> [PatrolTask] {
        try tasks(TaskQuery(states: Set(TaskState.allCases.filter(\.isActive)), limit: 100_000))
    }

    /// Reads a task, lets `change` make its next version, and writes that, in one transaction, so
    /// two concurrent changes cannot both apply to the same version. Errors from `change` pass through.
    /// - Throws: `StoreError(.notFound)` for an unknown id.
    public func updateTask(id: Int64, _ change: (PatrolTask) throws -> PatrolTask) throws -> PatrolTask {
        try updateTask(id: id, change, creatingViolations: 0) { _, _, _ in preconditionFailure("no violations asked for") }.task
    }

    /// `updateTask`, and in the same transaction `count` violations that `make` draws from the new
    /// version (those a completed task's result found): the task and the register are stored
    /// together or not at all, so a crash cannot leave one without the other.
    public func updateTask(
        id: Int64, _ change: (PatrolTask) throws -> PatrolTask,
        creatingViolations count: Int, _ make: (_ task: PatrolTask, _ index: Int, _ id: Int64) throws -> Violation
    ) throws -> (task: PatrolTask, violations: [Violation]) {
        try pool.write { db in
            guard let current = try Self.fetchTask(db, id: id) else { throw StoreError(.notFound, "task \(id) does not exist") }
            let next = try change(current)
            try db.execute(sql: "DELETE FROM task_units WHERE task_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM tasks WHERE id = ?", arguments: [id])
            try Self.insertTask(db, next)
            let violations = try Self.insertViolations(db, count: count) { index, violationID in try make(next, index, violationID) }
            return (next, violations)
        }
    }

    private static func insertTask(_ db: Database, _ task: PatrolTask) throws {
        let body = String(decoding: try taskEncoder.encode(task), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO tasks (id, state, version, window_start_ms, window_end_ms, updated_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [task.id, task.state.rawValue, task.version, task.window.startMillis, task.window.endMillis, task.updatedMillis, body]
        )
        for unit in Set(task.assignedUnitIDs) {
            try db.execute(sql: "INSERT INTO task_units (task_id, unit_id) VALUES (?, ?)", arguments: [task.id, unit])
        }
    }

    private static func fetchTask(_ db: Database, id: Int64) throws -> PatrolTask? {
        try String.fetchOne(db, sql: "SELECT body FROM tasks WHERE id = ?", arguments: [id]).map(decodeTask)
    }

    private static func decodeTask(_ body: String) throws -> PatrolTask {
        try JSONDecoder().decode(PatrolTask.self, from: Data(body.utf8))
    }
}
