import MGISAudit
import MGISCore
import Testing

/// RFC 9162 §2.1 against known answers from Tests/Vectors/make_audit_vectors.py (Python
/// hashlib, recursive definitions), see AuditKnownAnswers.swift.
@Suite struct MerkleTreeTests {
    static let ctLeaves = AuditKnownAnswers.ctLeaves.map { MerkleHash.leaf(Hex.decode($0)!) }
    static let bigLeaves: [MerkleHash] = (0..<1100).map { (i: Int) -> MerkleHash in
        let number = withUnsafeBytes(of: UInt32(i).bigEndian) { Array($0) }
        return MerkleHash.leaf(Array("mgis".utf8) + number)
    }

    static func hashes(_ hex: [String]) -> [MerkleHash] { hex.map { MerkleHash(hex: $0)! } }

    @Test func testRootsOfTheCertificateTransparencyLeaves() {
        for size in 0...8 {
            #expect(MerkleTree.root(of: Self.ctLeaves[0..<size]).hex == AuditKnownAnswers.ctRoots[size], "size \(size)")
        }
        // The published CT value for all eight leaves, independently of the script.
        #expect(AuditKnownAnswers.ctRoots[8] == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
        #expect(MerkleHash.emptyTree.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func testInclusionProofsMatchAndVerify() {
        for (index, size, expectedHex) in AuditKnownAnswers.ctInclusion {
            let leaves = Array(Self.ctLeaves[0..<size])
            let proof = MerkleTree.inclusionPath(index: index, leaves: leaves)
            let root = MerkleHash(hex: AuditKnownAnswers.ctRoots[size])!
            #expect(proof == Self.hashes(expectedHex), "PATH(\(index), D[\(size)])")
            #expect(MerkleTree.verifyInclusion(leaf: leaves[index], index: index, size: size, proof: proof, root: root))
            // Wrong leaf, wrong index, wrong size, wrong root, damaged or shortened proof all fail.
            let other = leaves[(index + 1) % size]
            if size > 1 {
                #expect(!MerkleTree.verifyInclusion(leaf: other, index: index, size: size, proof: proof, root: root))
                #expect(!MerkleTree.verifyInclusion(leaf: leaves[index], index: (index + 1) % size, size: size, proof: proof, root: root))
                #expect(!MerkleTree.verifyInclusion(leaf: leaves[index], index: index, size: size, proof: Array(proof.dropLast()), root: root))
                var damaged = proof
                damaged[0] = MerkleHash.leaf([0xFF])
                #expect(!MerkleTree.verifyInclusion(leaf: leaves[index], index: index, size: size, proof: damaged, root: root))
            }
            #expect(!MerkleTree.verifyInclusion(leaf: leaves[index], index: index, size: size, proof: proof, root: MerkleHash.emptyTree))
            #expect(!MerkleTree.verifyInclusion(leaf: leaves[index], index: size, size: size, proof: proof, root: root))
        }
    }

    @Test func testConsistencyProofsMatchAndVerify() {
        for (oldSize, newSize, expectedHex) in AuditKnownAnswers.ctConsistency {
            let leaves = Array(Self.ctLeaves[0..<newSize])
            let proof = MerkleTree.consistencyProof(oldSize: oldSize, leaves: leaves)
            let oldRoot = MerkleHash(hex: AuditKnownAnswers.ctRoots[oldSize])!
            let newRoot = MerkleHash(hex: AuditKnownAnswers.ctRoots[newSize])!
            #expect(proof == Self.hashes(expectedHex), "PROOF(\(oldSize), D[\(newSize)])")
            #expect(MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
            if oldSize < newSize {
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: newRoot, newRoot: newRoot, proof: proof))
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: oldRoot, proof: proof))
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: []))
                var damaged = proof
                damaged[damaged.count - 1] = MerkleHash.leaf([0xFF])
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: damaged))
            } else {
                let wrongRoot = MerkleHash.emptyTree
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: wrongRoot, proof: []))
            }
        }
        let root5 = MerkleHash(hex: AuditKnownAnswers.ctRoots[5])!
        #expect(MerkleTree.verifyConsistency(oldSize: 0, newSize: 5, oldRoot: .emptyTree, newRoot: root5, proof: []))
    }

    @Test func testBigTreeAcrossStoredNodeLevels() {
        for (size, rootHex) in AuditKnownAnswers.bigRoots {
            #expect(MerkleTree.root(of: Self.bigLeaves[0..<size]).hex == rootHex, "size \(size)")
        }
        let roots = Dictionary(uniqueKeysWithValues: AuditKnownAnswers.bigRoots.map { ($0.0, MerkleHash(hex: $0.1)!) })
        for (index, size, expectedHex) in AuditKnownAnswers.bigInclusion {
            let proof = MerkleTree.inclusionPath(index: index, leaves: Array(Self.bigLeaves[0..<size]))
            #expect(proof == Self.hashes(expectedHex), "PATH(\(index), D[\(size)])")
            if let root = roots[size] {
                #expect(MerkleTree.verifyInclusion(leaf: Self.bigLeaves[index], index: index, size: size, proof: proof, root: root))
            }
        }
        for (oldSize, newSize, expectedHex) in AuditKnownAnswers.bigConsistency {
            let proof = MerkleTree.consistencyProof(oldSize: oldSize, leaves: Array(Self.bigLeaves[0..<newSize]))
            #expect(proof == Self.hashes(expectedHex), "PROOF(\(oldSize), D[\(newSize)])")
            let oldRoot = MerkleTree.root(of: Self.bigLeaves[0..<oldSize])
            let newRoot = MerkleTree.root(of: Self.bigLeaves[0..<newSize])
            #expect(MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
        }
    }

    @Test func testFrontierReportsCompletedSubtreesAndRebuildsFromEdge() {
        var frontier = MerkleFrontier()
        var completed: [(Int, Int)] = []
        for (index, leaf) in Self.bigLeaves[0..<1025].enumerated() {
            frontier.append(leaf) { level, position, hash in
                completed.append((level, position))
                let range = (position << level)..<((position + 1) << level)
                #expect(range.upperBound == index + 1)
                #expect(hash == MerkleTree.root(of: Self.bigLeaves[range]))
            }
            if index % 97 == 0 || index == 1024 {
                let edge = MerkleFrontier.edgeRanges(size: index + 1).map { MerkleTree.root(of: Self.bigLeaves[$0]) }
                #expect(MerkleFrontier(size: index + 1, edge: edge) == frontier)
            }
        }
        // Every perfect subtree of two or more leaves inside 1025 leaves: 512 + 256 + ... + 1.
        #expect(completed.count == 1023)
        #expect(frontier.root.hex == AuditKnownAnswers.bigRoots.first { $0.0 == 1025 }!.1)
        #expect(MerkleFrontier(size: 3, edge: [MerkleHash.emptyTree]) == nil)
    }
}
