import Foundation
import GRDB

extension AuditStore {
    /// The number of entries.
    public func count() throws -> Int {
        try pool.read { db in try Self.count(db) }
    }

    /// Entry `index`, or `nil` past the end.
    public func entry(at index: Int) throws -> AuditEntry? {
        try pool.read { db in
            try Self.entries(db, sql: "\(Self.entryColumns) WHERE idx = ?", arguments: [index]).first
        }
    }

    /// Entries matching `filter`, newest first. Blocks on SQLite: call it off event loops.
    public func entries(matching filter: AuditFilter) throws -> [AuditEntry] {
        try pool.read { db in try Self.entries(db, matching: filter) }
    }

    /// Entries matching `filter`, newest first.
    public func entries(matching filter: AuditFilter) async throws -> [AuditEntry] {
        try await pool.read { db in try Self.entries(db, matching: filter) }
    }

    /// Every stored checkpoint, oldest first.
    public func checkpoints() throws -> [SignedCheckpoint] {
        try pool.read { db in try Self.storedCheckpoints(db).map(\.checkpoint) }
    }

    /// The checkpoint of the largest tree (the newest of those).
    public func latestCheckpoint() throws -> SignedCheckpoint? {
        try pool.read { db in
            try Self.storedCheckpoints(db, sql: "ORDER BY tree_size DESC, id DESC LIMIT 1").first?.checkpoint
        }
    }

    static let entryColumns = "SELECT idx, event, root FROM audit_entries"

    static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT idx + 1 FROM audit_entries ORDER BY idx DESC LIMIT 1") ?? 0
    }

    static func entries(_ db: Database, sql: String, arguments: StatementArguments) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let index: Int = row[0]
            let bytes = [UInt8](row[1] as Data)
            guard let root = MerkleHash(bytes: row[2] as Data) else {
                throw AuditError(.corrupt, "entry \(index) has no valid root")
            }
            return AuditEntry(index: index, event: try AuditEvent(canonicalBytes: bytes), canonicalBytes: bytes, root: root)
        }
    }

    static func entries(_ db: Database, matching filter: AuditFilter) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        func add(_ condition: String, _ value: (any DatabaseValueConvertible)?) {
            guard let value else { return }
            conditions.append(condition)
            _ = arguments.append(contentsOf: [value])
        }
        add("actor = ?", filter.actor)
        add("action = ?", filter.action?.rawValue)
        add("route = ?", filter.route)
        add("idx IN (SELECT entry_idx FROM audit_entry_objects WHERE object_id = ?)", filter.objectID)
        add("status = ?", filter.status)
        add("outcome = ?", filter.outcome?.rawValue)
        add("time_ms >= ?", filter.fromMillis)
        add("time_ms <= ?", filter.toMillis)
        add("idx < ?", filter.beforeIndex)
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        _ = arguments.append(contentsOf: [max(0, filter.limit)])
        return try entries(db, sql: "\(entryColumns)\(whereClause) ORDER BY idx DESC LIMIT ?", arguments: arguments)
    }

    /// Stored checkpoints with their row ids, in the order `sql` gives (by id by default).
    static func storedCheckpoints(_ db: Database, sql: String = "ORDER BY id") throws
        -> [(id: Int64, checkpoint: SignedCheckpoint)]
    {
        try Row.fetchAll(
            db, sql: "SELECT id, tree_size, root, time_ms, key_id, signature FROM audit_checkpoints \(sql)"
        ).map { row in
            let id: Int64 = row[0]
            guard let root = MerkleHash(bytes: row[2] as Data) else {
                throw AuditError(.corrupt, "checkpoint #\(id) has no valid root")
            }
            let checkpoint = SignedCheckpoint(
                treeSize: row[1], rootHash: root, timeMillis: row[3], keyID: row[4], signature: [UInt8](row[5] as Data)
            )
            return (id, checkpoint)
        }
    }
}
