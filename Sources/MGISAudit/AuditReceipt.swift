/// Where a recorded event went: its entry index (its leaf number) and the tree root once it
/// was appended.
public struct AuditReceipt: Hashable, Sendable {
    /// The entry index, from 0.
    public let index: Int
    /// MTH of entries 0...index.
    public let root: MerkleHash

    public init(index: Int, root: MerkleHash) {
        self.index = index
        self.root = root
    }
}
