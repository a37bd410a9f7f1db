import Foundation
import GRDB
public import MGISViolations

extension Store {
    /// Records violations in one transaction: all of them or, when `make` refuses one, none.
    /// `make` receives each new id in turn.
    public func createViolations(count: Int, _ make: (_ index: Int, _ id: Int64) throws -> Violation) throws -> [Violation] {
        try pool.write { db in try Self.insertViolations(db, count: count, make) }
    }

    /// Inserts `count` violations made by `make`, each given the next free id.
    static func insertViolations(_ db: Database, count: Int, _ make: (_ index: Int, _ id: Int64) throws -> Violation) throws -> [Violation] {
        var next = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM violations") ?? 0) + 1
        var created: [Violation] = []
        created.reserveCapacity(count)
        for index in 0..<count {
            let violation = try make(index, next)
            try insertViolation(db, violation)
            created.append(violation)
            next += 1
        }
        return created
    }

    public func violation(id: Int64) throws -> Violation? {
        try pool.read { db in try Self.fetchViolation(db, id: id) }
    }

    /// Every violation, oldest first: what the in-memory register starts from.
    public func allViolations() throws -> [Violation] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM violations ORDER BY observed_ms, id").map(Self.decodeViolation)
        }
    }

    /// Reads, changes and writes one violation in one transaction; errors from `change` pass through.
    /// - Throws: `StoreError(.notFound)` for an unknown id.
    public func updateViolation(id: Int64, _ change: (inout Violation) throws -> Void) throws -> Violation {
        try pool.write { db in
            guard var violation = try Self.fetchViolation(db, id: id) else { throw StoreError(.notFound, "violation \(id) does not exist") }
            let before = violation
            try change(&violation)
            // Edits are versioned: the version being replaced is kept, whole.
            try db.execute(
                sql: "INSERT OR REPLACE INTO violation_versions (violation_id, version, body) VALUES (?, ?, ?)",
                arguments: [id, before.version, String(decoding: try Self.taskEncoder.encode(before), as: UTF8.self)]
            )
            try db.execute(sql: "DELETE FROM violations WHERE id = ?", arguments: [id])
            try Self.insertViolation(db, violation)
            return violation
        }
    }

    /// Every earlier version of a violation, oldest first (the current one is `violation(id:)`).
    public func violationVersions(id: Int64) throws -> [Violation] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM violation_versions WHERE violation_id = ? ORDER BY version", arguments: [id])
                .map(Self.decodeViolation)
        }
    }

    private static func insertViolation(_ db: Database, _ violation: Violation) throws {
        let body = String(decoding: try taskEncoder.encode(violation), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO violations (id, observed_ms, type, status, version, task_id, unit_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                violation.id, violation.observedMillis, violation.typeCode, violation.status.rawValue, violation.version,
                violation.taskID, violation.unitID, body,
            ]
        )
    }

    private static func fetchViolation(_ db: Database, id: Int64) throws -> Violation? {
        try String.fetchOne(db, sql: "SELECT body FROM violations WHERE id = ?", arguments: [id]).map(decodeViolation)
    }

    private static func decodeViolation(_ body: String) throws -> Violation {
        try JSONDecoder().decode(Violation.self, from: Data(body.utf8))
    }
}
