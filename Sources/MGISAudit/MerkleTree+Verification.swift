extension MerkleTree {
    /// Verifies an inclusion proof by the algorithm of RFC 9162 §2.1.3.2.
    /// - Parameters:
    ///   - leaf: the leaf hash of the entry.
    ///   - index: its leaf index.
    ///   - size: the size of the tree the proof is for.
    ///   - proof: PATH(index, D[size]), deepest sibling first.
    ///   - root: the root of that tree.
    public static func verifyInclusion(
        leaf: MerkleHash,
        index: Int,
        size: Int,
        proof: [MerkleHash],
        root: MerkleHash
    ) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index
        var sn = size - 1
        var r = leaf
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = MerkleHash.node(p, r)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                r = MerkleHash.node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// Verifies a consistency proof by the algorithm of RFC 9162 §2.1.4.2.
    ///
    /// Two cases the RFC leaves to the caller are decided here: equal sizes are consistent
    /// when the proof is empty and the roots are equal, and the empty tree is consistent with
    /// every tree when the proof is empty.
    /// - Parameters:
    ///   - oldSize: size of the earlier tree; `oldRoot` its root.
    ///   - newSize: size of the later tree; `newRoot` its root.
    ///   - proof: PROOF(oldSize, D[newSize]).
    public static func verifyConsistency(
        oldSize: Int,
        newSize: Int,
        oldRoot: MerkleHash,
        newRoot: MerkleHash,
        proof: [MerkleHash]
    ) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        if oldSize == 0 { return proof.isEmpty }
        guard !proof.isEmpty else { return false }
        var path = proof
        if oldSize.nonzeroBitCount == 1 { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(c, fr)
                sr = MerkleHash.node(c, sr)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                sr = MerkleHash.node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}
