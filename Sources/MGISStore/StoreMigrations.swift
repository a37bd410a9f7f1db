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
        return migrator
    }
}
