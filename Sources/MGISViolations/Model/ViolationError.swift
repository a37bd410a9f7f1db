/// A refused change to the violations register or a bad analysis argument, with a message
/// a user or operator can act on.
public struct ViolationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure; new codes may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A draft that fails validation; `issues` says where.
        public static let invalidDraft = Code(rawValue: "invalid_draft")
        /// The caller edited an older version than the stored one.
        public static let versionConflict = Code(rawValue: "version_conflict")
        /// A status move the life cycle does not allow.
        public static let invalidTransition = Code(rawValue: "invalid_transition")
        /// A closed violation cannot be edited.
        public static let closed = Code(rawValue: "closed")
        /// A type catalog with malformed or repeated codes.
        public static let invalidCatalog = Code(rawValue: "invalid_catalog")
        /// An analysis parameter out of range (cell size, eps, time zone...).
        public static let invalidArgument = Code(rawValue: "invalid_argument")
        /// An analysis whose estimated cost exceeds its `AnalysisBudget`; the message says what to change.
        public static let overBudget = Code(rawValue: "over_budget")
    }

    /// What kind of failure.
    public let code: Code
    /// What happened, for a person.
    public let message: String
    /// The field problems behind an `invalidDraft` error; empty otherwise.
    public let issues: [ValidationIssue]

    public init(_ code: Code, _ message: String, issues: [ValidationIssue] = []) {
        self.code = code
        self.message = message
        self.issues = issues
    }

    public var description: String { message }
}
