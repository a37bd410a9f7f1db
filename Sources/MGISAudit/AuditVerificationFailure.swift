/// The first thing found wrong with the audit trail (or an export), and where.
public struct AuditVerificationFailure: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong; new kinds may be added.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// An index is missing: a deleted entry (a gap), or the log starts late.
        public static let missingEntry = Kind(rawValue: "missing_entry")
        /// The entry's bytes or position differ from when it was appended: it was changed,
        /// inserted, deleted with later entries renumbered, or swapped.
        public static let changedEntry = Kind(rawValue: "changed_entry")
        /// The stored bytes are not a canonical event.
        public static let invalidEvent = Kind(rawValue: "invalid_event")
        /// An indexed column (or object id row) disagrees with the event's canonical bytes.
        public static let columnMismatch = Kind(rawValue: "column_mismatch")
        /// The log ends before the size a checkpoint signed.
        public static let truncated = Kind(rawValue: "truncated")
        /// A checkpoint's signature does not verify with the key.
        public static let checkpointSignature = Kind(rawValue: "checkpoint_signature")
        /// A validly signed checkpoint's root differs from the log's root at its size.
        public static let checkpointMismatch = Kind(rawValue: "checkpoint_mismatch")
        /// A stored subtree node differs from the entries it covers, or is missing or extra.
        public static let subtreeNode = Kind(rawValue: "subtree_node")
    }

    /// What is wrong.
    public let kind: Kind
    /// The first entry that fails, when one can be named. For a checkpoint mismatch it is the
    /// first entry not confirmed by an earlier checkpoint: the change is at or after it.
    public let entry: Int?
    /// The checkpoint concerned, e.g. `#12` or `external 3`.
    public let checkpoint: String?
    /// Why, for a person.
    public let message: String

    public init(kind: Kind, entry: Int?, checkpoint: String? = nil, message: String) {
        self.kind = kind
        self.entry = entry
        self.checkpoint = checkpoint
        self.message = message
    }

    public var description: String {
        if let entry { return "entry \(entry): \(message)" }
        return message
    }
}
