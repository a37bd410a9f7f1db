import Foundation
import MGISAudit
import Testing

@Suite struct AuditExportTests {
    @Test func testExportVerifiesOfflineWithOnlyThePublicKey() async throws {
        let log = try AuditTestLog()
        try await log.append(0..<300, batch: 40)
        _ = try await log.store.checkpoint(signingKey: log.key)
        try await log.append(300..<310)
        let export = try log.store.export(from: 250, to: 280, publicKey: log.key.publicKey)
        #expect(export.entries.map(\.index) == Array(250...280))
        #expect(export.checkpoint.treeSize == 300)
        // Through the file format and back.
        let read = try AuditExport(jsonData: try export.jsonData())
        #expect(read == export)
        let report = AuditVerifier.verifyExport(read, publicKey: log.key.publicKey)
        #expect(report.isValid && report.entries == 31)
        #expect(AuditVerifier.verifyExport(read).isValid)
        // Entries past the checkpoint cannot be exported yet.
        #expect(throws: AuditError.self) { try log.store.export(from: 299, to: 300, publicKey: log.key.publicKey) }
    }

    @Test func testTamperedExportNamesTheEntry() async throws {
        let log = try AuditTestLog()
        try await log.append(0..<20)
        _ = try await log.store.checkpoint(signingKey: log.key)
        let export = try log.store.export(publicKey: log.key.publicKey)
        var changed = export
        changed.entries[7].event = changed.entries[7].event.replacingOccurrences(of: "\"GET\"", with: "\"PUT\"")
        let failure = try #require(AuditVerifier.verifyExport(changed, publicKey: log.key.publicKey).failure)
        #expect(failure.kind == .changedEntry && failure.entry == 7)

        var moved = export
        moved.entries[3].index = 4
        #expect(AuditVerifier.verifyExport(moved, publicKey: log.key.publicKey).failure?.entry == 3 + 1)

        // A forger re-signs with their own key: caught when the operator's key is pinned.
        let forger = AuditSigningKey.generate()
        var resigned = changed
        resigned.checkpoint = try forger.sign(treeSize: 20, rootHash: export.checkpoint.rootHash, timeMillis: 1)
        resigned.publicKey = forger.publicKey.hex
        #expect(AuditVerifier.verifyExport(resigned, publicKey: log.key.publicKey).failure?.kind == .checkpointSignature)
    }

    @Test func testSingleEntryProofIsAnExportOfOne() async throws {
        let log = try AuditTestLog()
        try await log.append(0..<9)
        _ = try await log.store.checkpoint(signingKey: log.key)
        let proof = try log.store.export(from: 4, to: 4, publicKey: log.key.publicKey)
        #expect(proof.entries.count == 1)
        #expect(proof.entries[0].inclusionProof == (try await log.store.inclusionProof(forEntry: 4, treeSize: 9)))
        #expect(AuditVerifier.verifyExport(proof, publicKey: log.key.publicKey).isValid)
    }
}
