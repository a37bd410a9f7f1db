import GRDB
public import MGISTasks

/// Arrivals and departures that monitoring marked, kept so that a task's timeline survives a restart.
public struct StoredTaskEvent: Hashable, Sendable {
    public enum Kind: String, Sendable { case arrived, departed }
    public var taskID: Int64
    public var unitID: Int64
    public var kind: Kind
    public var atMillis: Int64

    public init(taskID: Int64, unitID: Int64, kind: Kind, atMillis: Int64) {
        self.taskID = taskID
        self.unitID = unitID
        self.kind = kind
        self.atMillis = atMillis
    }
}

/// An alert as stored: the domain alert, its id, and who acknowledged it when.
public struct StoredTaskAlert: Hashable, Sendable {
    public var id: Int64
    public var alert: TaskAlert
    public var acknowledgedBy: Int64?
    public var acknowledgedMillis: Int64?
}

extension Store {
    public func recordTaskEvents(_ events: [StoredTaskEvent]) throws {
        guard !events.isEmpty else { return }
        try pool.write { db in
            for event in events {
                try db.execute(
                    sql: "INSERT INTO task_events (task_id, unit_id, kind, at_ms) VALUES (?, ?, ?, ?)",
                    arguments: [event.taskID, event.unitID, event.kind.rawValue, event.atMillis]
                )
            }
        }
    }

    public func taskEvents(taskID: Int64) throws -> [StoredTaskEvent] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT unit_id, kind, at_ms FROM task_events WHERE task_id = ? ORDER BY at_ms", arguments: [taskID])
                .compactMap { row in
                    StoredTaskEvent.Kind(rawValue: row["kind"]).map { kind in
                        StoredTaskEvent(taskID: taskID, unitID: row["unit_id"], kind: kind, atMillis: row["at_ms"])
                    }
                }
        }
    }

    /// Stores new alerts and returns them with their ids.
    public func insertAlerts(_ alerts: [TaskAlert]) throws -> [StoredTaskAlert] {
        guard !alerts.isEmpty else { return [] }
        return try pool.write { db in
            try alerts.map { alert in
                try db.execute(
                    sql: "INSERT INTO task_alerts (kind, task_id, unit_id, raised_ms, message) VALUES (?, ?, ?, ?, ?)",
                    arguments: [alert.kind.rawValue, alert.taskID, alert.unitID, alert.raisedMillis, alert.message]
                )
                return StoredTaskAlert(id: db.lastInsertedRowID, alert: alert)
            }
        }
    }

    /// Alerts, newest first; `openOnly` leaves out acknowledged ones; `unitID` keeps one unit's
    /// (and, with `taskIDs`, those of its tasks).
    public func alerts(openOnly: Bool, unitID: Int64? = nil, taskID: Int64? = nil, limit: Int = 500) throws -> [StoredTaskAlert] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if openOnly { conditions.append("ack_ms IS NULL") }
        if let unitID {
            conditions.append("(unit_id = ? OR task_id IN (SELECT task_id FROM task_units WHERE unit_id = ?))")
            _ = arguments.append(contentsOf: [unitID, unitID])
        }
        if let taskID {
            conditions.append("task_id = ?")
            _ = arguments.append(contentsOf: [taskID])
        }
        _ = arguments.append(contentsOf: [limit])
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM task_alerts \(filter) ORDER BY raised_ms DESC, id DESC LIMIT ?", arguments: arguments)
                .compactMap(Self.alert)
        }
    }

    public func alert(id: Int64) throws -> StoredTaskAlert? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM task_alerts WHERE id = ?", arguments: [id]).flatMap(Self.alert) }
    }

    /// Marks an alert acknowledged (once: a second acknowledgement keeps the first).
    /// - Throws: `StoreError(.notFound)` for an unknown id.
    public func acknowledgeAlert(id: Int64, userID: Int64, nowMillis: Int64) throws -> StoredTaskAlert {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE task_alerts SET ack_user_id = ?, ack_ms = ? WHERE id = ? AND ack_ms IS NULL",
                arguments: [userID, nowMillis, id]
            )
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM task_alerts WHERE id = ?", arguments: [id]), let alert = Self.alert(row) else {
                throw StoreError(.notFound, "alert \(id) does not exist")
            }
            return alert
        }
    }

    private static func alert(_ row: Row) -> StoredTaskAlert? {
        guard let kind = TaskAlertKind(rawValue: row["kind"]) else { return nil }
        return StoredTaskAlert(
            id: row["id"],
            alert: TaskAlert(kind: kind, taskID: row["task_id"], unitID: row["unit_id"], raisedMillis: row["raised_ms"], message: row["message"]),
            acknowledgedBy: row["ack_user_id"], acknowledgedMillis: row["ack_ms"]
        )
    }
}
