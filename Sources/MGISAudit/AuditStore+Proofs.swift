import GRDB

extension AuditStore {
    /// PATH(index, D[treeSize]) of RFC 9162: proves that entry `index` is in the tree of the
    /// first `treeSize` entries (usually a checkpoint's size). Blocks on SQLite.
    public func inclusionProof(forEntry index: Int, treeSize: Int) throws -> [MerkleHash] {
        try pool.read { db in try Self.inclusionProof(db, index: index, treeSize: treeSize) }
    }

    /// PATH(index, D[treeSize]) of RFC 9162, read without blocking the caller's thread.
    public func inclusionProof(forEntry index: Int, treeSize: Int) async throws -> [MerkleHash] {
        try await pool.read { db in try Self.inclusionProof(db, index: index, treeSize: treeSize) }
    }

    /// PROOF(oldSize, D[newSize]) of RFC 9162: proves the tree of the first `newSize` entries
    /// extends that of the first `oldSize` (e.g. between two checkpoints).
    public func consistencyProof(from oldSize: Int, to newSize: Int) throws -> [MerkleHash] {
        try pool.read { db in
            guard oldSize >= 1, oldSize <= newSize, newSize <= (try Self.count(db)) else {
                throw AuditError(.invalidArgument, "consistency needs 1 <= \(oldSize) <= \(newSize) <= log size")
            }
            var reader = AuditTreeReader(db)
            return try MerkleTree.consistencyProof(oldSize: oldSize, newSize: newSize) { try reader.subtree($0) }
        }
    }

    /// MTH of the first `treeSize` entries, computed from stored nodes and entries.
    public func root(treeSize: Int) throws -> MerkleHash {
        try pool.read { db in
            guard treeSize >= 0, treeSize <= (try Self.count(db)) else {
                throw AuditError(.invalidArgument, "the log has fewer than \(treeSize) entries")
            }
            guard treeSize > 0 else { return .emptyTree }
            var reader = AuditTreeReader(db)
            return try reader.subtree(0..<treeSize)
        }
    }

    static func inclusionProof(_ db: Database, index: Int, treeSize: Int) throws -> [MerkleHash] {
        var reader = AuditTreeReader(db)
        return try inclusionProof(&reader, index: index, treeSize: treeSize, logSize: try count(db))
    }

    static func inclusionProof(_ reader: inout AuditTreeReader, index: Int, treeSize: Int, logSize: Int) throws
        -> [MerkleHash]
    {
        guard treeSize <= logSize else {
            throw AuditError(.invalidArgument, "the log has \(logSize) entries, fewer than the tree size \(treeSize)")
        }
        guard index >= 0, index < treeSize else {
            throw AuditError(.invalidArgument, "entry \(index) is not in a tree of \(treeSize) entries")
        }
        return try MerkleTree.inclusionPath(index: index, size: treeSize) { try reader.subtree($0) }
    }
}
