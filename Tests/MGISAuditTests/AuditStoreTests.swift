import GRDB
import MGISAudit
import Testing

@Suite struct AuditStoreTests {
    @Test func testAppendAssignsIndicesRootsAndColumns() async throws {
        let log = try AuditTestLog()
        let receipts = try await log.store.append((0..<5).map(AuditTestLog.event))
        #expect(receipts.map(\.index) == [0, 1, 2, 3, 4])
        let leaves = (0..<5).map { AuditTestLog.event($0).leafHash }
        for receipt in receipts {
            #expect(receipt.root == MerkleTree.root(of: leaves[0...receipt.index]))
        }
        let more = try await log.store.append([AuditTestLog.event(5)])
        #expect(more.map(\.index) == [5])
        #expect(try log.store.count() == 6)
        let entry = try #require(try log.store.entry(at: 3))
        #expect(entry.event.canonicalBytes() == AuditTestLog.event(3).canonicalBytes())
        #expect(entry.event.query["token"] == AuditEvent.redactedValue)
        #expect(entry.root == receipts[3].root)
        #expect(try log.store.entry(at: 6) == nil)
    }

    @Test func testStoredProofsEqualInMemoryProofsAcrossNodeLevels() async throws {
        let log = try AuditTestLog()
        try await log.append(0..<700, batch: 64)
        let leaves = (0..<700).map { AuditTestLog.event($0).leafHash }
        for size in [1, 255, 256, 257, 512, 600, 700] {
            #expect(try log.store.root(treeSize: size) == MerkleTree.root(of: leaves[0..<size]))
        }
        for (index, size) in [(0, 700), (255, 700), (256, 700), (511, 512), (699, 700), (300, 513), (5, 6)] {
            let proof = try await log.store.inclusionProof(forEntry: index, treeSize: size)
            #expect(proof == MerkleTree.inclusionPath(index: index, leaves: Array(leaves[0..<size])), "PATH(\(index), \(size))")
        }
        for (oldSize, newSize) in [(1, 700), (256, 700), (300, 513), (512, 700), (700, 700)] {
            let proof = try log.store.consistencyProof(from: oldSize, to: newSize)
            #expect(proof == MerkleTree.consistencyProof(oldSize: oldSize, leaves: Array(leaves[0..<newSize])))
        }
        #expect(throws: AuditError.self) { try log.store.inclusionProof(forEntry: 700, treeSize: 700) }
        #expect(throws: AuditError.self) { try log.store.inclusionProof(forEntry: 1, treeSize: 701) }
    }

    @Test func testReopenedStoreAndSecondConnectionContinueTheSameTree() async throws {
        let log = try AuditTestLog()
        try await log.append(0..<300, batch: 50)
        // A second instance (as mgisctl beside mgisd) appends; the first must notice.
        let other = try AuditStore(configuration: log.store.configuration)
        _ = try await other.append((300..<310).map(AuditTestLog.event))
        try await log.append(310..<520, batch: 33)
        _ = try await other.append((520..<530).map(AuditTestLog.event))
        let checkpoint = try await log.store.checkpoint(signingKey: log.key)
        let leaves = (0..<530).map { AuditTestLog.event($0).leafHash }
        #expect(checkpoint.treeSize == 530)
        #expect(checkpoint.rootHash == MerkleTree.root(of: leaves))
        let report = try log.verifier.verify()
        #expect(report.isValid, "\(report)")
        #expect(report.entries == 530 && report.checkpoints == 1 && report.unsignedEntries == 0)
    }

    @Test func testAppendOnlyTriggersRefuseChanges() async throws {
        let log = try AuditTestLog()
        try await log.append(0..<3)
        let queue = try DatabaseQueue(path: log.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE audit_entries SET actor = 'x' WHERE idx = 1") }
        }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_entries") } }
        #expect(try log.store.count() == 3)
    }

    @Test func testFilteringByIndexedColumnsNewestFirst() async throws {
        let log = try AuditTestLog()
        try await log.append(0..<60)
        let denied = try await log.store.entries(matching: AuditFilter(outcome: .denied))
        #expect(denied.map(\.index) == [55, 44, 33, 22, 11, 0])
        let device = try await log.store.entries(matching: AuditFilter(objectID: "device:3", limit: 3))
        #expect(device.map(\.index) == [59, 52, 45])
        let page = try await log.store.entries(matching: AuditFilter(objectID: "device:3", beforeIndex: 45, limit: 100))
        #expect(page.map(\.index) == [38, 31, 24, 17, 10, 3])
        let actor = try await log.store.entries(matching: AuditFilter(actor: "user1", action: .sensitiveRead, fromMillis: 1_764_000_020_000))
        #expect(actor.allSatisfy { $0.event.actor == "user1" && $0.event.action == .sensitiveRead && $0.index >= 20 })
        #expect(!actor.isEmpty)
    }
}
