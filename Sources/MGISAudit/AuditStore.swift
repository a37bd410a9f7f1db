import GRDB
import Synchronization

/// The audit trail's SQLite file (`DATA/audit.sqlite`): entries, subtree nodes and signed
/// checkpoints. Append-only: there is no API to change or remove anything.
///
/// One `DatabasePool` (WAL, `synchronous=FULL`: a returned append survives power loss), so
/// mgisctl can read and verify while mgisd appends. Appends are safe from several processes:
/// each transaction checks the stored size against its cached tree edge first.
public final class AuditStore: Sendable {
    /// Subtrees of 2^nodeLevel leaves and more are stored in `audit_nodes` as they complete,
    /// so a proof or a restart reads O(log n) nodes plus fewer than 2^nodeLevel entries.
    static let nodeLevel = 8

    /// Where the file is and how it is opened.
    public let configuration: AuditStoreConfiguration
    /// Reads and writes; `Database` exists only inside its closures.
    let pool: DatabasePool
    /// The tree's right edge after the last commit this instance made or saw.
    let cachedFrontier = Mutex<MerkleFrontier?>(nil)

    /// Opens (creating if needed) the audit file and brings its schema up to date.
    public init(configuration: AuditStoreConfiguration) throws {
        self.configuration = configuration
        var config = Configuration()
        config.busyMode = .timeout(configuration.busyTimeoutSeconds)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: configuration.path, configuration: config)
        try AuditMigrations.migrator.migrate(pool)
    }
}
