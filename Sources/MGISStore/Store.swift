public import GRDB
import Logging

/// The SQLite store of devices and positions, shared by mgisd and mgisctl.
///
/// One `DatabasePool` per file (WAL): one serial writer, concurrent readers, and other
/// processes (mgisctl) may write between mgisd's commits.
public final class Store: Sendable {
    public let configuration: StoreConfiguration
    /// The pool; `Database` values exist only inside its `read` and `write` closures.
    public let pool: DatabasePool

    /// Opens (creating if needed) the store and brings its schema up to date.
    public init(configuration: StoreConfiguration) throws {
        self.configuration = configuration
        var config = Configuration()
        config.busyMode = .timeout(configuration.busyTimeoutSeconds)
        let synchronous = configuration.synchronous.rawValue
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        self.pool = try DatabasePool(path: configuration.path, configuration: config)
        try StoreMigrations.migrator.migrate(pool)
    }
}
