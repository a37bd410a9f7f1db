import Foundation
import GRDB
public import MGISTasks

extension Store {
    /// Keeps what monitoring measured for a task (replacing an earlier copy).
    public func saveTaskMonitoring(_ state: TaskMonitoringState) throws {
        let body = String(decoding: try Self.taskEncoder.encode(state), as: UTF8.self)
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO task_monitoring (task_id, body) VALUES (?, ?)", arguments: [state.taskID, body])
        }
    }

    /// What monitoring measured for a finished task, if it was kept.
    public func taskMonitoring(taskID: Int64) throws -> TaskMonitoringState? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM task_monitoring WHERE task_id = ?", arguments: [taskID]).map { body in
                try JSONDecoder().decode(TaskMonitoringState.self, from: Data(body.utf8))
            }
        }
    }
}
