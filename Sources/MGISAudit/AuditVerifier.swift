import GRDB

/// Checks the audit trail against itself and its signatures.
///
/// `verify` reads every entry once, in index order, with a cursor (constant memory, one read
/// transaction, so it can run beside a writing mgisd): it recomputes each leaf hash from the
/// stored canonical bytes, the tree root after each entry (compared with the root stored with
/// it), the subtree nodes, the indexed columns, and every checkpoint's signature and root at its
/// size. It stops at the first failure, which names the entry (or checkpoint) and why.
public struct AuditVerifier: Sendable {
    /// The audit file checked.
    public let store: AuditStore
    /// The key checkpoints must be signed with.
    public let publicKey: AuditPublicKey

    /// - Parameters:
    ///   - store: the audit file.
    ///   - publicKey: the key checkpoints must verify with.
    public init(store: AuditStore, publicKey: AuditPublicKey) {
        self.store = store
        self.publicKey = publicKey
    }

    /// Verifies the whole log, and optionally checkpoints kept elsewhere (which also catch a
    /// log truncated together with its checkpoint table).
    /// - Parameter externalCheckpoints: e.g. from `AuditCheckpointCopy.readCheckpoints(at:)`.
    /// - Throws: only when the file cannot be read; findings are in the report.
    public func verify(externalCheckpoints: [SignedCheckpoint] = []) throws -> AuditVerificationReport {
        try store.pool.read { db in
            var anchors = try AuditStore.storedCheckpoints(db).map { stored in
                AuditLogScan.Anchor(label: "#\(stored.id)", checkpoint: stored.checkpoint, isExternal: false)
            }
            anchors += externalCheckpoints.enumerated().map { number, checkpoint in
                AuditLogScan.Anchor(label: "external \(number + 1)", checkpoint: checkpoint, isExternal: true)
            }
            var scan = AuditLogScan(publicKey: publicKey, anchors: anchors)
            return try scan.run(db)
        }
    }

    /// Verifies an export offline: the checkpoint's signature, then each entry's canonical
    /// bytes and inclusion proof against the checkpoint's root.
    /// - Parameter publicKey: the key to trust; `nil` trusts the key written in the export,
    ///   which proves integrity only if that key is known to be the operator's.
    public static func verifyExport(_ export: AuditExport, publicKey: AuditPublicKey? = nil) -> AuditVerificationReport {
        let checkpoint = export.checkpoint
        func failed(_ kind: AuditVerificationFailure.Kind, _ entry: Int?, _ verified: Int, _ message: String)
            -> AuditVerificationReport
        {
            AuditVerificationReport(
                entries: verified, checkpoints: 0,
                failure: AuditVerificationFailure(kind: kind, entry: entry, checkpoint: "export", message: message)
            )
        }
        guard let key = publicKey ?? (try? AuditPublicKey(hex: export.publicKey)) else {
            return failed(.checkpointSignature, nil, 0, "the export's public key is not 64 hex digits")
        }
        guard key.isValidSignature(of: checkpoint) else {
            return failed(
                .checkpointSignature, nil, 0,
                "the export's checkpoint (size \(checkpoint.treeSize)) does not verify with key \(key.keyID)"
            )
        }
        for (verified, entry) in export.entries.enumerated() {
            let bytes = Array(entry.event.utf8)
            guard entry.index >= 0, entry.index < checkpoint.treeSize else {
                return failed(.missingEntry, entry.index, verified, "not covered by the checkpoint of size \(checkpoint.treeSize)")
            }
            do {
                _ = try AuditEvent(canonicalBytes: bytes)
            } catch {
                return failed(.invalidEvent, entry.index, verified, error.message)
            }
            guard MerkleTree.verifyInclusion(
                leaf: MerkleHash.leaf(bytes), index: entry.index, size: checkpoint.treeSize,
                proof: entry.inclusionProof, root: checkpoint.rootHash
            ) else {
                return failed(
                    .changedEntry, entry.index, verified,
                    "its inclusion proof does not lead to the signed root: the event or its proof was changed"
                )
            }
        }
        return AuditVerificationReport(entries: export.entries.count, checkpoints: 1)
    }
}
