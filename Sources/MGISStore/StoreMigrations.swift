import GRDB

/// The schema of the positions store, as GRDB migrations. Migrations use SQL only, never
/// model types, so that later model changes cannot rewrite history.
///
/// Positions layout (see docs/STORAGE.md): ingest appends one row per datagram to
/// `datagram_log`, a rowid table with no secondary index, so a commit touches only the tail
/// pages whatever the number of devices. The compactor regroups log rows into `fix_chunks`,
/// one row per device and time span, indexed by (device, t0_ms): the index grows by one entry
/// per chunk rather than per fix.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-devices-and-positions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE devices (
                        id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 4294967295),
                        name TEXT NOT NULL UNIQUE,
                        key BLOB CHECK (key IS NULL OR length(key) = 32),
                        imei TEXT UNIQUE,
                        enabled INTEGER NOT NULL DEFAULT 1,
                        created_ms INTEGER NOT NULL
                    );
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
                    INSERT INTO meta (key, value) VALUES ('devices_rev', 0);
                    CREATE TRIGGER devices_rev_insert AFTER INSERT ON devices
                        BEGIN UPDATE meta SET value = value + 1 WHERE key = 'devices_rev'; END;
                    CREATE TRIGGER devices_rev_update AFTER UPDATE ON devices
                        BEGIN UPDATE meta SET value = value + 1 WHERE key = 'devices_rev'; END;
                    CREATE TRIGGER devices_rev_delete AFTER DELETE ON devices
                        BEGIN UPDATE meta SET value = value + 1 WHERE key = 'devices_rev'; END;

                    CREATE TABLE datagram_log (
                        id INTEGER PRIMARY KEY,
                        device INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        tag INTEGER NOT NULL,
                        recv_ms INTEGER NOT NULL,
                        records BLOB NOT NULL
                    );
                    CREATE TABLE fix_chunks (
                        id INTEGER PRIMARY KEY,
                        device INTEGER NOT NULL,
                        t0_ms INTEGER NOT NULL,
                        t1_ms INTEGER NOT NULL,
                        n INTEGER NOT NULL,
                        data BLOB NOT NULL
                    );
                    CREATE INDEX fix_chunks_device_t0 ON fix_chunks (device, t0_ms);
                    """
            )
        }
        migrator.registerMigration("v2-accounts-and-units") { db in
            try db.execute(
                sql: """
                    CREATE TABLE units (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        call_sign TEXT NOT NULL UNIQUE,
                        home_station TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE users (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        password_hash TEXT,
                        roles TEXT NOT NULL,
                        unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
                        disabled INTEGER NOT NULL DEFAULT 0,
                        created_ms INTEGER NOT NULL
                    );
                    CREATE TABLE tokens (
                        id INTEGER PRIMARY KEY,
                        hash BLOB NOT NULL UNIQUE,
                        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        label TEXT NOT NULL DEFAULT '',
                        created_ms INTEGER NOT NULL,
                        expires_ms INTEGER NOT NULL,
                        revoked_ms INTEGER
                    );
                    CREATE INDEX tokens_user ON tokens (user_id);
                    ALTER TABLE devices ADD COLUMN unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL;
                    """
            )
        }
        migrator.registerMigration("v3-unknown-imeis") { db in
            try db.execute(
                sql: """
                    CREATE TABLE unknown_imeis (
                        imei TEXT PRIMARY KEY,
                        first_ms INTEGER NOT NULL,
                        last_ms INTEGER NOT NULL,
                        packets INTEGER NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v4-tasks") { db in
            // A task is stored whole as JSON (its history and result are nested lists that are
            // always read together), with the columns that lists filter on beside it.
            try db.execute(
                sql: """
                    CREATE TABLE tasks (
                        id INTEGER PRIMARY KEY,
                        state TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        window_start_ms INTEGER NOT NULL,
                        window_end_ms INTEGER NOT NULL,
                        updated_ms INTEGER NOT NULL,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX tasks_by_state ON tasks (state);
                    CREATE INDEX tasks_by_window ON tasks (window_start_ms);
                    CREATE TABLE task_units (
                        task_id INTEGER NOT NULL REFERENCES tasks (id),
                        unit_id INTEGER NOT NULL,
                        PRIMARY KEY (task_id, unit_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX task_units_by_unit ON task_units (unit_id);
                    CREATE TABLE task_events (
                        task_id INTEGER NOT NULL,
                        unit_id INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        at_ms INTEGER NOT NULL
                    );
                    CREATE INDEX task_events_by_task ON task_events (task_id, at_ms);
                    CREATE TABLE task_alerts (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        task_id INTEGER,
                        unit_id INTEGER,
                        raised_ms INTEGER NOT NULL,
                        message TEXT NOT NULL,
                        ack_user_id INTEGER,
                        ack_ms INTEGER
                    );
                    CREATE INDEX task_alerts_open ON task_alerts (ack_ms, raised_ms);
                    CREATE TABLE task_templates (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        body TEXT NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v5-violations") { db in
            // Stored whole as JSON like tasks; the columns beside it serve lookups and ordering.
            // Analyses run over the register held in memory, not over SQL.
            try db.execute(
                sql: """
                    CREATE TABLE violations (
                        id INTEGER PRIMARY KEY,
                        observed_ms INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        status TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        task_id INTEGER,
                        unit_id INTEGER,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX violations_by_time ON violations (observed_ms);
                    """
            )
        }
        migrator.registerMigration("v6-violation-versions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE violation_versions (
                        violation_id INTEGER NOT NULL,
                        version INTEGER NOT NULL,
                        body TEXT NOT NULL,
                        PRIMARY KEY (violation_id, version)
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v7-task-monitoring") { db in
            // What GPS monitoring measured for a finished task (arrivals, time on scene, distance),
            // kept when the task ends so reports do not depend on the process that watched it.
            try db.execute(
                sql: """
                    CREATE TABLE task_monitoring (
                        task_id INTEGER PRIMARY KEY,
                        body TEXT NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v8-idempotent-responses") { db in
            // The answer to a creating request sent with an Idempotency-Key, so that a client
            // retrying over a bad mobile link gets the first answer again instead of a duplicate.
            try db.execute(
                sql: """
                    CREATE TABLE idempotent_responses (
                        user_id INTEGER NOT NULL,
                        key TEXT NOT NULL,
                        request_sha256 BLOB NOT NULL,
                        status INTEGER NOT NULL,
                        content_type TEXT NOT NULL,
                        etag TEXT,
                        body BLOB NOT NULL,
                        created_ms INTEGER NOT NULL,
                        PRIMARY KEY (user_id, key)
                    );
                    CREATE INDEX idempotent_responses_created ON idempotent_responses (created_ms);
                    """
            )
        }
        migrator.registerMigration("v9-device-allowed-networks") { db in
            // Comma-separated CIDR networks a Teltonika tracker may send from; NULL: anywhere.
            try db.execute(sql: "ALTER TABLE devices ADD COLUMN allowed_networks TEXT")
        }
        return migrator
    }
}
