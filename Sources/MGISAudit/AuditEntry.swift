/// One stored event with its place in the tree.
public struct AuditEntry: Hashable, Sendable {
    /// The entry index (leaf number), from 0.
    public let index: Int
    /// The event, decoded from `canonicalBytes`.
    public let event: AuditEvent
    /// The bytes that were hashed.
    public let canonicalBytes: [UInt8]
    /// The tree root recorded when the entry was appended: MTH of entries 0...index.
    public let root: MerkleHash

    public init(index: Int, event: AuditEvent, canonicalBytes: [UInt8], root: MerkleHash) {
        self.index = index
        self.event = event
        self.canonicalBytes = canonicalBytes
        self.root = root
    }
}
