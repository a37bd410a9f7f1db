import GRDB

/// The schema of the audit file, as GRDB migrations in plain SQL.
///
/// - `audit_entries`: one row per event. `idx` is the leaf number (from 0), `event` the
///   canonical bytes that are hashed, `root` the tree root right after the entry was appended
///   (MTH of entries 0...idx): a per-entry anchor that lets the verifier name the first entry
///   whose content or position changed. The other columns copy event fields for filtering.
/// - `audit_entry_objects`: the event's object ids, one row each, to find "who touched device 42".
/// - `audit_nodes`: roots of perfect subtrees of 2^8 leaves and more, written as they complete,
///   so proofs and restarts need not reread the log.
/// - `audit_checkpoints`: signed (size, root, time) statements.
///
/// Triggers refuse UPDATE and DELETE: the trail is append-only through this code. (They stop
/// mistakes, not an attacker with the file; the hashes and signatures are for that.)
enum AuditMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-audit-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_entries (
                        idx INTEGER PRIMARY KEY CHECK (idx >= 0),
                        time_ms INTEGER NOT NULL,
                        actor TEXT,
                        action TEXT NOT NULL,
                        route TEXT,
                        status INTEGER,
                        outcome TEXT NOT NULL,
                        event BLOB NOT NULL,
                        root BLOB NOT NULL CHECK (length(root) = 32)
                    );
                    CREATE INDEX audit_entries_time ON audit_entries (time_ms);
                    CREATE INDEX audit_entries_actor ON audit_entries (actor);
                    CREATE INDEX audit_entries_action ON audit_entries (action);
                    CREATE INDEX audit_entries_route ON audit_entries (route);
                    CREATE INDEX audit_entries_status ON audit_entries (status);
                    CREATE INDEX audit_entries_outcome ON audit_entries (outcome);

                    CREATE TABLE audit_entry_objects (
                        entry_idx INTEGER NOT NULL,
                        object_id TEXT NOT NULL,
                        PRIMARY KEY (entry_idx, object_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX audit_entry_objects_object ON audit_entry_objects (object_id);

                    CREATE TABLE audit_nodes (
                        level INTEGER NOT NULL,
                        idx INTEGER NOT NULL,
                        hash BLOB NOT NULL CHECK (length(hash) = 32),
                        PRIMARY KEY (level, idx)
                    ) WITHOUT ROWID;

                    CREATE TABLE audit_checkpoints (
                        id INTEGER PRIMARY KEY,
                        tree_size INTEGER NOT NULL CHECK (tree_size >= 0),
                        root BLOB NOT NULL CHECK (length(root) = 32),
                        time_ms INTEGER NOT NULL,
                        key_id TEXT NOT NULL,
                        signature BLOB NOT NULL
                    );
                    CREATE INDEX audit_checkpoints_size ON audit_checkpoints (tree_size);
                    """
            )
            for table in ["audit_entries", "audit_entry_objects", "audit_nodes", "audit_checkpoints"] {
                for operation in ["UPDATE", "DELETE"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
                            """
                    )
                }
            }
        }
        return migrator
    }
}
