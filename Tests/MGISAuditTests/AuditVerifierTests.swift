import Foundation
import GRDB
import MGISAudit
import Testing

/// Each test tampers with the audit SQLite file directly (raw SQL on a separate connection,
/// triggers dropped) and checks that the verifier names the right entry.
@Suite struct AuditVerifierTests {
    /// 40 entries with checkpoints at sizes 10, 25 and 40 (ids 1, 2, 3).
    static func makeLog() async throws -> AuditTestLog {
        let log = try AuditTestLog()
        for (range, time) in [(0..<10, 1), (10..<25, 2), (25..<40, 3)] {
            try await log.append(range)
            _ = try await log.store.checkpoint(signingKey: log.key, timeMillis: 1_764_000_000_000 + Int64(time))
        }
        return log
    }

    static func failure(_ log: AuditTestLog, external: [SignedCheckpoint] = []) throws -> AuditVerificationFailure? {
        try log.verifier.verify(externalCheckpoints: external).failure
    }

    @Test func testUntouchedLogVerifies() async throws {
        let log = try await Self.makeLog()
        try await log.append(40..<43)
        let report = try log.verifier.verify()
        #expect(report.isValid)
        #expect(report.description == "OK: 43 entries, 3 checkpoints")
        #expect(report.unsignedEntries == 3)
        #expect(try AuditTestLog().verifier.verify().description == "OK: 0 entries, 0 checkpoints")
    }

    @Test func testChangedIndexedColumnIsNamed() async throws {
        let log = try await Self.makeLog()
        try log.tamper { try $0.execute(sql: "UPDATE audit_entries SET actor = 'mallory' WHERE idx = 17") }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .columnMismatch && failure.entry == 17)
        #expect(failure.message.contains("actor") && failure.message.contains("mallory"))
    }

    @Test func testChangedStatusColumnIsNamed() async throws {
        let log = try await Self.makeLog()
        try log.tamper { try $0.execute(sql: "UPDATE audit_entries SET status = 200, outcome = 'ok' WHERE idx = 33") }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .columnMismatch && failure.entry == 33)
    }

    @Test func testChangedObjectRowIsNamed() async throws {
        let log = try await Self.makeLog()
        try log.tamper { try $0.execute(sql: "DELETE FROM audit_entry_objects WHERE entry_idx = 5 AND object_id = 'device:5'") }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .columnMismatch && failure.entry == 5)
    }

    @Test func testChangedCanonicalBytesAreNamed() async throws {
        let log = try await Self.makeLog()
        var forged = AuditTestLog.event(17)
        forged.actor = "mallory"
        // Columns kept consistent with the forged bytes: only the tree can tell.
        try log.tamper { db in
            try db.execute(
                sql: "UPDATE audit_entries SET event = ?, actor = 'mallory' WHERE idx = 17",
                arguments: [Data(forged.canonicalBytes())]
            )
        }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .changedEntry && failure.entry == 17)
    }

    @Test func testChangedBytesWithRewrittenRootsAreCaughtByTheCheckpoint() async throws {
        let log = try await Self.makeLog()
        var forged = AuditTestLog.event(17)
        forged.outcome = .ok
        forged.status = 200
        forged.actor = "mallory"
        // A careful forger also recomputes every later recorded root; only signatures remain.
        try log.tamper { db in
            try db.execute(
                sql: "UPDATE audit_entries SET event = ?, actor = 'mallory' WHERE idx = 17", arguments: [Data(forged.canonicalBytes())]
            )
            var frontier = MerkleFrontier()
            let rows = try Row.fetchAll(db, sql: "SELECT idx, event FROM audit_entries ORDER BY idx")
            for row in rows {
                frontier.append(MerkleHash.leaf([UInt8](row[1] as Data)))
                try db.execute(sql: "UPDATE audit_entries SET root = ? WHERE idx = ?", arguments: [Data(frontier.root.bytes), row[0] as Int])
            }
        }
        let failure = try #require(try Self.failure(log))
        // Checkpoint #1 (size 10) still holds; #2 (size 25) does not: the change is in 10...24.
        #expect(failure.kind == .checkpointMismatch && failure.entry == 10 && failure.checkpoint == "#2")
    }

    @Test func testDeletedEntryLeavesAGap() async throws {
        let log = try await Self.makeLog()
        try log.tamper { db in
            try db.execute(sql: "DELETE FROM audit_entries WHERE idx = 17")
            try db.execute(sql: "DELETE FROM audit_entry_objects WHERE entry_idx = 17")
        }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .missingEntry && failure.entry == 17)
    }

    @Test func testDeletedEntryWithRenumberingIsNamed() async throws {
        let log = try await Self.makeLog()
        try log.tamper { db in
            try db.execute(sql: "DELETE FROM audit_entries WHERE idx = 17")
            try db.execute(sql: "DELETE FROM audit_entry_objects WHERE entry_idx = 17")
            try AuditTestLog.shiftEntries(db, from: 18, by: -1)
        }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .changedEntry && failure.entry == 17)
    }

    @Test func testInsertedEntryIsNamed() async throws {
        let log = try await Self.makeLog()
        let forged = AuditEvent(time: 1_764_000_016_500, actor: "user1", action: .login)
        try log.tamper { db in
            try AuditTestLog.shiftEntries(db, from: 17, by: 1)
            // The forger copies the neighbour's recorded root, having no way to make a right one.
            let root = try Data.fetchOne(db, sql: "SELECT root FROM audit_entries WHERE idx = 16")
            try db.execute(
                sql: """
                    INSERT INTO audit_entries (idx, time_ms, actor, action, route, status, outcome, event, root)
                    VALUES (17, ?, 'user1', 'auth.login', NULL, NULL, 'ok', ?, ?)
                    """,
                arguments: [forged.time, Data(forged.canonicalBytes()), root]
            )
        }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .changedEntry && failure.entry == 17)
    }

    @Test func testSwappedEntriesAreNamed() async throws {
        let log = try await Self.makeLog()
        // Swap everything but the index and the recorded root (the whole row, as far as it shows).
        try log.tamper { db in
            let columns = "time_ms, actor, action, route, status, outcome, event"
            try db.execute(sql: "CREATE TEMP TABLE keep AS SELECT idx, \(columns) FROM audit_entries WHERE idx IN (12, 30)")
            try db.execute(
                sql: """
                    UPDATE audit_entries SET (\(columns)) =
                        (SELECT \(columns) FROM keep WHERE keep.idx = 42 - audit_entries.idx)
                    WHERE idx IN (12, 30)
                    """
            )
            try db.execute(
                sql: "UPDATE audit_entry_objects SET entry_idx = 42 - entry_idx + 1000 WHERE entry_idx IN (12, 30)"
            )
            try db.execute(sql: "UPDATE audit_entry_objects SET entry_idx = entry_idx - 1000 WHERE entry_idx >= 1000")
        }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .changedEntry && failure.entry == 12)
    }

    @Test func testTruncatedTailIsNamed() async throws {
        let log = try await Self.makeLog()
        try log.tamper { db in
            try db.execute(sql: "DELETE FROM audit_entries WHERE idx >= 33")
            try db.execute(sql: "DELETE FROM audit_entry_objects WHERE entry_idx >= 33")
        }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .truncated && failure.entry == 33 && failure.checkpoint == "#3")
    }

    @Test func testTruncationHiddenFromTheTableIsCaughtByTheCheckpointCopy() async throws {
        let log = try await Self.makeLog()
        let copy = try log.store.checkpoints()
        try log.tamper { db in
            try db.execute(sql: "DELETE FROM audit_entries WHERE idx >= 33")
            try db.execute(sql: "DELETE FROM audit_entry_objects WHERE entry_idx >= 33")
            try db.execute(sql: "DELETE FROM audit_checkpoints WHERE tree_size > 33")
        }
        #expect(try log.verifier.verify().isValid)
        let failure = try #require(try Self.failure(log, external: copy))
        #expect(failure.kind == .truncated && failure.entry == 33 && failure.checkpoint == "external 3")
    }

    @Test func testReplacedCheckpointSignatureIsNamed() async throws {
        let log = try await Self.makeLog()
        let genuine = try log.store.checkpoints()[1]
        // A validly formed signature by another key, over the same statement.
        let other = AuditSigningKey.generate()
        let forged = try other.sign(treeSize: genuine.treeSize, rootHash: genuine.rootHash, timeMillis: genuine.timeMillis)
        try log.tamper { db in
            try db.execute(sql: "UPDATE audit_checkpoints SET signature = ? WHERE id = 2", arguments: [Data(forged.signature)])
        }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .checkpointSignature && failure.checkpoint == "#2" && failure.entry == nil)
        // And with the forger's key id too: still not our key.
        try log.tamper { db in
            try db.execute(sql: "UPDATE audit_checkpoints SET key_id = ? WHERE id = 2", arguments: [other.publicKey.keyID])
        }
        #expect(try Self.failure(log)?.checkpoint == "#2")
        // The same file verifies against the forger's key only up to the first genuine checkpoint.
        let withOtherKey = try AuditVerifier(store: log.store, publicKey: other.publicKey).verify()
        #expect(withOtherKey.failure?.checkpoint == "#1")
    }

    @Test func testRewrittenCheckpointRootIsNamed() async throws {
        let log = try await Self.makeLog()
        try log.tamper { db in
            try db.execute(sql: "UPDATE audit_checkpoints SET root = ? WHERE id = 3", arguments: [Data(MerkleHash.emptyTree.bytes)])
        }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .checkpointSignature && failure.checkpoint == "#3")
    }

    @Test func testChangedSubtreeNodeIsNamed() async throws {
        let log = try AuditTestLog()
        try await log.append(0..<600, batch: 100)
        #expect(try log.verifier.verify().isValid)
        try log.tamper { db in
            try db.execute(sql: "UPDATE audit_nodes SET hash = ? WHERE level = 8 AND idx = 1", arguments: [Data(MerkleHash.emptyTree.bytes)])
        }
        let failure = try #require(try Self.failure(log))
        #expect(failure.kind == .subtreeNode && failure.message.contains("entries 256...511"))
    }
}
