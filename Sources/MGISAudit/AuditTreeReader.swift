import Foundation
import GRDB

/// Subtree hashes of the stored log, for proofs and for rebuilding the tree's edge: perfect
/// subtrees of 2^nodeLevel leaves and more from `audit_nodes`, smaller ones from the entries'
/// canonical bytes (one block of 2^nodeLevel entries read at a time and kept).
///
/// Lives inside one database access: it holds its `Database`.
struct AuditTreeReader {
    static let blockSize = 1 << AuditStore.nodeLevel

    let db: Database
    private var block: (start: Int, leaves: [MerkleHash])?

    init(_ db: Database) {
        self.db = db
    }

    /// MTH of entries `range`.
    mutating func subtree(_ range: Range<Int>) throws -> MerkleHash {
        let count = range.count
        guard count > 0, range.lowerBound >= 0 else { throw AuditError(.invalidArgument, "empty subtree \(range)") }
        if count >= Self.blockSize, count.nonzeroBitCount == 1, range.lowerBound % count == 0 {
            return try storedNode(level: count.trailingZeroBitCount, index: range.lowerBound / count)
        }
        let firstBlock = range.lowerBound / Self.blockSize
        if firstBlock != (range.upperBound - 1) / Self.blockSize {
            let k = MerkleTree.split(count)
            let left = try subtree(range.lowerBound..<(range.lowerBound + k))
            return MerkleHash.node(left, try subtree((range.lowerBound + k)..<range.upperBound))
        }
        let leaves = try blockLeaves(firstBlock * Self.blockSize)
        let start = range.lowerBound - firstBlock * Self.blockSize
        guard start + count <= leaves.count else {
            throw AuditError(.invalidArgument, "entries \(range.lowerBound)..<\(range.upperBound) are not all in the log")
        }
        return MerkleTree.root(of: leaves[start..<(start + count)])
    }

    /// The edge of the tree of the first `size` entries, checked against the root stored with
    /// entry size-1.
    mutating func frontier(size: Int) throws -> MerkleFrontier {
        var edge: [MerkleHash] = []
        for range in MerkleFrontier.edgeRanges(size: size) {
            edge.append(try subtree(range))
        }
        guard let frontier = MerkleFrontier(size: size, edge: edge) else {
            throw AuditError(.corrupt, "cannot rebuild the tree edge at size \(size)")
        }
        if size > 0 {
            let stored = try Data.fetchOne(db, sql: "SELECT root FROM audit_entries WHERE idx = ?", arguments: [size - 1])
            guard let stored, MerkleHash(bytes: stored) == frontier.root else {
                throw AuditError(
                    .corrupt,
                    "the audit log's stored nodes and entries do not give the root recorded with entry \(size - 1); run mgisctl audit verify"
                )
            }
        }
        return frontier
    }

    private func storedNode(level: Int, index: Int) throws -> MerkleHash {
        let data = try Data.fetchOne(
            db, sql: "SELECT hash FROM audit_nodes WHERE level = ? AND idx = ?", arguments: [level, index]
        )
        guard let data, let hash = MerkleHash(bytes: data) else {
            let first = index << level
            throw AuditError(.corrupt, "the subtree node of entries \(first)..<\(first + (1 << level)) is missing")
        }
        return hash
    }

    /// Leaf hashes of the block starting at `start`, as far as the log goes.
    private mutating func blockLeaves(_ start: Int) throws -> [MerkleHash] {
        if let block, block.start == start { return block.leaves }
        var leaves: [MerkleHash] = []
        leaves.reserveCapacity(Self.blockSize)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT idx, event FROM audit_entries WHERE idx >= ? AND idx < ? ORDER BY idx",
            arguments: [start, start + Self.blockSize]
        )
        while let row = try rows.next() {
            let index: Int = row[0]
            guard index == start + leaves.count else {
                throw AuditError(.corrupt, "entry \(start + leaves.count) is missing from the audit log")
            }
            let hash = try row.withUnsafeData(atIndex: 1) { data in
                (data ?? Data()).withUnsafeBytes { MerkleHash.leaf($0) }
            }
            leaves.append(hash)
        }
        block = (start, leaves)
        return leaves
    }
}
