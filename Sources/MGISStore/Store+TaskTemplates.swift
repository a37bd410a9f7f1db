import Foundation
import GRDB
public import MGISTasks

extension Store {
    /// Stores a template under a new id (the template's own id is replaced).
    /// - Throws: `StoreError(.duplicateName)` when the name is taken.
    public func createTemplate(_ template: TaskTemplate) throws -> TaskTemplate {
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM task_templates WHERE name = ?", arguments: [template.name]) == true {
                throw StoreError(.duplicateName, "a template named '\(template.name)' exists")
            }
            var stored = template
            stored.id = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM task_templates") ?? 0) + 1
            let body = String(decoding: try Self.taskEncoder.encode(stored), as: UTF8.self)
            try db.execute(sql: "INSERT INTO task_templates (id, name, body) VALUES (?, ?, ?)", arguments: [stored.id, stored.name, body])
            return stored
        }
    }

    public func templates() throws -> [TaskTemplate] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM task_templates ORDER BY name").map { body in
                try JSONDecoder().decode(TaskTemplate.self, from: Data(body.utf8))
            }
        }
    }

    public func template(id: Int64) throws -> TaskTemplate? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM task_templates WHERE id = ?", arguments: [id]).map { body in
                try JSONDecoder().decode(TaskTemplate.self, from: Data(body.utf8))
            }
        }
    }
}
