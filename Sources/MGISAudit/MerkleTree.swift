/// Merkle tree hashing, inclusion proofs and consistency proofs exactly as RFC 9162 §2.1.
///
/// Proof construction takes the hash of any subtree from a closure, so the same code works
/// on an array of leaf hashes (tests, small trees) and on the stored log, which serves large
/// subtrees from its node table.
public enum MerkleTree {
    /// The largest power of two smaller than `n` (n >= 2): where MTH splits a list of n leaves.
    public static func split(_ n: Int) -> Int {
        precondition(n >= 2, "only lists of two or more leaves are split")
        return 1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }

    /// MTH(D[n]) of the given leaf hashes.
    public static func root(of leaves: some Sequence<MerkleHash>) -> MerkleHash {
        var frontier = MerkleFrontier()
        for leaf in leaves { frontier.append(leaf) }
        return frontier.root
    }

    /// PATH(m, D[n]) of RFC 9162 §2.1.3.1: the inclusion proof of leaf `index` in the tree of
    /// the first `size` leaves, deepest sibling first.
    /// - Parameter subtree: MTH of the leaves in a range (only ranges of that tree are asked).
    public static func inclusionPath(
        index: Int,
        size: Int,
        subtree: (Range<Int>) throws -> MerkleHash
    ) rethrows -> [MerkleHash] {
        precondition(index >= 0 && index < size, "leaf index outside the tree")
        var siblings: [MerkleHash] = []
        var low = 0
        var high = size
        while high - low > 1 {
            let k = split(high - low)
            if index < low + k {
                siblings.append(try subtree((low + k)..<high))
                high = low + k
            } else {
                siblings.append(try subtree(low..<(low + k)))
                low += k
            }
        }
        // The recursion appends each level's sibling after the deeper part of the path.
        return siblings.reversed()
    }

    /// PROOF(m, D[n]) of RFC 9162 §2.1.4.1: the consistency proof between the trees of the
    /// first `oldSize` and the first `newSize` leaves (empty when the sizes are equal).
    /// - Parameter subtree: MTH of the leaves in a range.
    public static func consistencyProof(
        oldSize: Int,
        newSize: Int,
        subtree: (Range<Int>) throws -> MerkleHash
    ) rethrows -> [MerkleHash] {
        precondition(oldSize >= 1 && oldSize <= newSize, "consistency needs 1 <= old size <= new size")
        var proof: [MerkleHash] = []
        var low = 0
        var high = newSize
        var m = oldSize
        var isWholeOldTree = true
        // SUBPROOF(m, D[low:high], b), unrolled: each step appends after the recursive part.
        while m != high - low {
            let k = split(high - low)
            if m <= k {
                proof.append(try subtree((low + k)..<high))
                high = low + k
            } else {
                proof.append(try subtree(low..<(low + k)))
                low += k
                m -= k
                isWholeOldTree = false
            }
        }
        if !isWholeOldTree { proof.append(try subtree(low..<high)) }
        return proof.reversed()
    }

    /// Inclusion proof over an in-memory list of leaf hashes.
    public static func inclusionPath(index: Int, leaves: [MerkleHash]) -> [MerkleHash] {
        inclusionPath(index: index, size: leaves.count) { root(of: leaves[$0]) }
    }

    /// Consistency proof over an in-memory list of leaf hashes.
    public static func consistencyProof(oldSize: Int, leaves: [MerkleHash]) -> [MerkleHash] {
        consistencyProof(oldSize: oldSize, newSize: leaves.count) { root(of: leaves[$0]) }
    }
}
