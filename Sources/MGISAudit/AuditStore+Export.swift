import Foundation
import GRDB

extension AuditStore {
    /// An export of entries `from...to` with inclusion proofs against `checkpoint` (by default
    /// the stored checkpoint of the largest tree). Every proof is checked before it is returned.
    /// - Parameters:
    ///   - from: first entry, 0 by default.
    ///   - to: last entry (inclusive), by default the last one the checkpoint covers.
    ///   - publicKey: the key the checkpoint must verify with; written into the export.
    public func export(
        from: Int? = nil,
        to: Int? = nil,
        publicKey: AuditPublicKey,
        checkpoint: SignedCheckpoint? = nil
    ) throws -> AuditExport {
        try pool.read { db in
            let latest = try Self.storedCheckpoints(db, sql: "ORDER BY tree_size DESC, id DESC LIMIT 1").first?.checkpoint
            guard let checkpoint = checkpoint ?? latest else {
                throw AuditError(.noCheckpoint, "the audit log has no checkpoint yet")
            }
            guard publicKey.isValidSignature(of: checkpoint) else {
                throw AuditError(.corrupt, "the checkpoint of size \(checkpoint.treeSize) does not verify with key \(publicKey.keyID)")
            }
            let size = checkpoint.treeSize
            let first = from ?? 0
            let last = to ?? size - 1
            guard first >= 0, first <= last else { throw AuditError(.invalidArgument, "empty entry range \(first)...\(last)") }
            guard last < size else {
                throw AuditError(
                    .noCheckpoint,
                    "entry \(last) is not covered by the checkpoint (it covers entries 0..<\(size)); wait for the next checkpoint"
                )
            }
            var reader = AuditTreeReader(db)
            let logSize = try Self.count(db)
            guard size <= logSize, try reader.subtree(0..<size) == checkpoint.rootHash else {
                throw AuditError(.corrupt, "the log does not match its checkpoint of size \(size); run mgisctl audit verify")
            }
            var entries: [AuditExport.Entry] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT idx, event FROM audit_entries WHERE idx BETWEEN ? AND ? ORDER BY idx", arguments: [first, last]
            )
            while let row = try rows.next() {
                let index: Int = row[0]
                let bytes = [UInt8](row[1] as Data)
                let text = String(decoding: bytes, as: UTF8.self)
                guard index == first + entries.count, text.utf8.elementsEqual(bytes) else {
                    throw AuditError(.corrupt, "entry \(first + entries.count) is missing or damaged; run mgisctl audit verify")
                }
                let proof = try Self.inclusionProof(&reader, index: index, treeSize: size, logSize: logSize)
                guard MerkleTree.verifyInclusion(
                    leaf: MerkleHash.leaf(bytes), index: index, size: size, proof: proof, root: checkpoint.rootHash
                ) else {
                    throw AuditError(.corrupt, "entry \(index) does not prove against the checkpoint; run mgisctl audit verify")
                }
                entries.append(AuditExport.Entry(index: index, event: text, inclusionProof: proof))
            }
            guard entries.count == last - first + 1 else {
                throw AuditError(.corrupt, "entry \(first + entries.count) is missing; run mgisctl audit verify")
            }
            return AuditExport(publicKey: publicKey, checkpoint: checkpoint, entries: entries)
        }
    }
}
