import Foundation
import GRDB
public import MGISCore
import Synchronization

extension AuditStore {
    /// Appends events, in order, in one transaction; returns once it is durably committed.
    ///
    /// Each event becomes the next leaf: its canonical bytes, its indexed columns and the new
    /// tree root are stored together, with any subtree node it completes.
    /// - Returns: one receipt per event, in order.
    public func append(_ events: [AuditEvent]) async throws -> [AuditReceipt] {
        guard !events.isEmpty else { return [] }
        return try await pool.writeWithoutTransaction { db in
            var receipts: [AuditReceipt] = []
            var frontier = MerkleFrontier()
            try db.inTransaction(.immediate) {
                frontier = try self.currentFrontier(db)
                receipts = try Self.insert(events, into: db, frontier: &frontier)
                return .commit
            }
            // Only after the commit: a failed transaction leaves the cache as it was.
            self.cachedFrontier.withLock { $0 = frontier }
            return receipts
        }
    }

    /// Signs the tree as committed now and stores the checkpoint.
    /// - Parameters:
    ///   - signingKey: the key to sign with.
    ///   - timeMillis: the time to state; now by default.
    public func checkpoint(signingKey: AuditSigningKey, timeMillis: Int64 = WallClock.nowMillis()) async throws
        -> SignedCheckpoint
    {
        try await checkpoint(signingKey: signingKey, timeMillis: timeMillis, onlyIfGrown: false)!
    }

    /// Signs and stores a checkpoint; with `onlyIfGrown`, only if the tree is larger than at
    /// the largest stored checkpoint and not empty (else returns `nil`).
    func checkpoint(signingKey: AuditSigningKey, timeMillis: Int64, onlyIfGrown: Bool) async throws -> SignedCheckpoint? {
        try await pool.writeWithoutTransaction { db in
            var checkpoint: SignedCheckpoint?
            var frontier = MerkleFrontier()
            try db.inTransaction(.immediate) {
                frontier = try self.currentFrontier(db)
                if onlyIfGrown {
                    let signedSize = try Int.fetchOne(db, sql: "SELECT max(tree_size) FROM audit_checkpoints") ?? 0
                    if signedSize >= frontier.size { return .commit }
                }
                let signed = try signingKey.sign(treeSize: frontier.size, rootHash: frontier.root, timeMillis: timeMillis)
                try db.execute(
                    sql: """
                        INSERT INTO audit_checkpoints (tree_size, root, time_ms, key_id, signature)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [signed.treeSize, Data(signed.rootHash.bytes), signed.timeMillis, signed.keyID, Data(signed.signature)]
                )
                checkpoint = signed
                return .commit
            }
            self.cachedFrontier.withLock { $0 = frontier }
            return checkpoint
        }
    }

    /// The tree edge at the stored size: the cached one when no other connection appended
    /// since, else rebuilt from stored nodes and the last entries.
    func currentFrontier(_ db: Database) throws -> MerkleFrontier {
        let size = try Int.fetchOne(db, sql: "SELECT idx + 1 FROM audit_entries ORDER BY idx DESC LIMIT 1") ?? 0
        if let cached = cachedFrontier.withLock({ $0 }), cached.size == size { return cached }
        var reader = AuditTreeReader(db)
        return try reader.frontier(size: size)
    }

    private static func insert(_ events: [AuditEvent], into db: Database, frontier: inout MerkleFrontier) throws
        -> [AuditReceipt]
    {
        let entryStatement = try db.cachedStatement(
            sql: """
                INSERT INTO audit_entries (idx, time_ms, actor, action, route, status, outcome, event, root)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let objectStatement = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO audit_entry_objects (entry_idx, object_id) VALUES (?, ?)"
        )
        let nodeStatement = try db.cachedStatement(sql: "INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)")
        var receipts: [AuditReceipt] = []
        receipts.reserveCapacity(events.count)
        for event in events {
            let bytes = event.canonicalBytes()
            let index = frontier.size
            try frontier.append(MerkleHash.leaf(bytes)) { level, position, hash in
                if level >= nodeLevel {
                    try nodeStatement.execute(arguments: [level, position, Data(hash.bytes)])
                }
            }
            let root = frontier.root
            try entryStatement.execute(arguments: [
                index, event.time, event.actor, event.action.rawValue, event.route, event.status,
                event.outcome.rawValue, Data(bytes), Data(root.bytes),
            ])
            for objectID in event.objectIDs {
                try objectStatement.execute(arguments: [index, objectID])
            }
            receipts.append(AuditReceipt(index: index, root: root))
        }
        return receipts
    }
}
