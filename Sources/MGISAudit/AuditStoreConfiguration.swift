/// How the audit SQLite file is opened.
public struct AuditStoreConfiguration: Sendable {
    /// The file's name inside the data directory.
    public static let fileName = "audit.sqlite"

    /// The SQLite file of the audit trail, separate from the positions store so that neither
    /// one's write load delays the other's commits.
    public var path: String
    /// How long a connection waits for another process's write lock (mgisctl beside mgisd).
    public var busyTimeoutSeconds: Double

    /// - Parameters:
    ///   - path: the SQLite file; created if missing.
    ///   - busyTimeoutSeconds: wait for another process's write lock this long.
    public init(path: String, busyTimeoutSeconds: Double = 10) {
        self.path = path
        self.busyTimeoutSeconds = busyTimeoutSeconds
    }

    /// The audit file of a data directory: `DIRECTORY/audit.sqlite`.
    public init(dataDirectory: String, busyTimeoutSeconds: Double = 10) {
        self.init(path: dataDirectory + "/" + Self.fileName, busyTimeoutSeconds: busyTimeoutSeconds)
    }
}
