import Foundation
import GRDB
import MGISAudit

/// A fresh audit file in a temporary data directory, with a signing key, and ways to tamper
/// with it behind the library's back.
struct AuditTestLog {
    let directory: String
    let store: AuditStore
    let key: AuditSigningKey

    init() throws {
        directory = NSTemporaryDirectory() + "mgis-audit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try AuditStore(configuration: AuditStoreConfiguration(dataDirectory: directory))
        key = try AuditSigningKey.loadOrCreate(path: directory + "/" + AuditSigningKey.fileName)
    }

    var path: String { store.configuration.path }

    var verifier: AuditVerifier { AuditVerifier(store: store, publicKey: key.publicKey) }

    /// Event number `n`: varied actors, routes, objects and outcomes.
    static func event(_ n: Int) -> AuditEvent {
        AuditEvent(
            time: 1_764_000_000_000 + Int64(n) * 1_000,
            actor: n % 5 == 0 ? nil : "user\(n % 4)",
            actorID: n % 5 == 0 ? nil : Int64(n % 4 + 1),
            roles: n % 2 == 0 ? ["dispatcher", "admin"] : ["patrol"],
            action: n % 3 == 0 ? .apiRequest : .sensitiveRead,
            method: "GET",
            route: "/api/v1/units/{id}/track",
            objectIDs: ["unit:\(n % 3)", "device:\(n % 7)"],
            query: ["from": "\(n)", "token": "never-stored"],
            status: n % 11 == 0 ? 403 : 200,
            durationMillis: n % 17,
            clientAddress: "10.0.0.\(n % 250):4000",
            outcome: n % 11 == 0 ? .denied : .ok,
            details: n % 4 == 0 ? ["note": "entry \(n)"] : [:]
        )
    }

    /// Appends events `range` in batches of `batch`.
    func append(_ range: Range<Int>, batch: Int = 7) async throws {
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + batch)
            _ = try await store.append((start..<end).map(Self.event))
            start = end
        }
    }

    /// Runs raw SQL on the file through a separate connection, with the append-only triggers
    /// dropped, as someone with access to the file could.
    func tamper(_ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for table in ["audit_entries", "audit_entry_objects", "audit_nodes", "audit_checkpoints"] {
                for operation in ["update", "delete"] {
                    try db.execute(sql: "DROP TRIGGER IF EXISTS \(table)_no_\(operation)")
                }
            }
            try body(db)
        }
    }

    /// Moves entries `from...` (and their object rows) by `offset` indices.
    static func shiftEntries(_ db: Database, from: Int, by offset: Int) throws {
        // Through a far range first, so that no step collides with an existing index.
        try db.execute(sql: "UPDATE audit_entries SET idx = idx + 1000000 WHERE idx >= ?", arguments: [from])
        try db.execute(sql: "UPDATE audit_entries SET idx = idx - 1000000 + ? WHERE idx >= 1000000", arguments: [offset])
        try db.execute(sql: "UPDATE audit_entry_objects SET entry_idx = entry_idx + 1000000 WHERE entry_idx >= ?", arguments: [from])
        try db.execute(
            sql: "UPDATE audit_entry_objects SET entry_idx = entry_idx - 1000000 + ? WHERE entry_idx >= 1000000",
            arguments: [offset]
        )
    }
}
