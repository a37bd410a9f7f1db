/// The right edge of an RFC 9162 tree: the roots of the perfect subtrees its leaves decompose
/// into, largest first (one per set bit of `size`).
///
/// This is all that appending needs: a new leaf merges with the equal-sized subtrees at the
/// edge, so appending n leaves costs O(n) node hashes, and the root is a fold of at most
/// log2(n) edge hashes. Stored subtree nodes (see `AuditStore`) let it be rebuilt without
/// rereading the log.
public struct MerkleFrontier: Sendable, Hashable {
    /// The number of leaves.
    public private(set) var size: Int
    /// Perfect subtree roots, largest (leftmost) first; the k-th covers 2^level leaves where
    /// level is the k-th highest set bit of `size`.
    public private(set) var edge: [MerkleHash]

    /// An empty tree.
    public init() {
        size = 0
        edge = []
    }

    /// A tree of `size` leaves with the given edge; `nil` unless there is one hash per set bit.
    public init?(size: Int, edge: [MerkleHash]) {
        guard size >= 0, edge.count == size.nonzeroBitCount else { return nil }
        self.size = size
        self.edge = edge
    }

    /// Appends one leaf hash.
    public mutating func append(_ leaf: MerkleHash) {
        append(leaf) { _, _, _ in }
    }

    /// Appends one leaf hash, reporting the subtrees it completes.
    /// - Parameter completed: called for every perfect subtree of two or more leaves the leaf
    ///   completes, lowest first, with its level (log2 of its leaf count), its index among the
    ///   subtrees of that level, and its hash.
    public mutating func append(
        _ leaf: MerkleHash,
        completed: (_ level: Int, _ index: Int, _ hash: MerkleHash) throws -> Void
    ) rethrows {
        var hash = leaf
        var position = size
        var level = 0
        // Each trailing one bit of the old size is a subtree of the same height to merge with.
        while position & 1 == 1 {
            hash = MerkleHash.node(edge.removeLast(), hash)
            level += 1
            position >>= 1
            try completed(level, position, hash)
        }
        edge.append(hash)
        size += 1
    }

    /// MTH of all leaves appended so far.
    public var root: MerkleHash {
        guard var hash = edge.last else { return .emptyTree }
        // MTH splits at the largest power of two below n, which is exactly the first edge
        // subtree; so the root folds the edge from the right.
        var index = edge.count - 2
        while index >= 0 {
            hash = MerkleHash.node(edge[index], hash)
            index -= 1
        }
        return hash
    }

    /// The leaf ranges of the edge subtrees, in the order of `edge`.
    public static func edgeRanges(size: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var bit = Int.bitWidth - 1
        while bit >= 0 {
            if size & (1 << bit) != 0 {
                ranges.append(start..<(start + (1 << bit)))
                start += 1 << bit
            }
            bit -= 1
        }
        return ranges
    }
}
