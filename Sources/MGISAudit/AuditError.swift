/// A failure of the audit trail, with a message an operator can act on.
public struct AuditError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure; new codes may be added.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The log could not be written; the event is not recorded (fail closed).
        public static let unavailable = Code(rawValue: "unavailable")
        /// The writer is not running (stopped, or shut down).
        public static let stopped = Code(rawValue: "stopped")
        /// The stored log contradicts itself (found while appending or proving, not verifying).
        public static let corrupt = Code(rawValue: "corrupt")
        /// Bytes that are not a canonical audit event.
        public static let invalidEvent = Code(rawValue: "invalid_event")
        /// An entry index or tree size outside the log, or another bad argument.
        public static let invalidArgument = Code(rawValue: "invalid_argument")
        /// The signing key file is missing, unreadable or malformed.
        public static let signingKey = Code(rawValue: "signing_key")
        /// A checkpoint could not be copied to its second location, or a copy could not be read.
        public static let checkpointFile = Code(rawValue: "checkpoint_file")
        /// No checkpoint covers what was asked for.
        public static let noCheckpoint = Code(rawValue: "no_checkpoint")
        /// An export file that cannot be read.
        public static let invalidExport = Code(rawValue: "invalid_export")
    }

    /// What kind of failure.
    public let code: Code
    /// What happened, for an operator.
    public let message: String

    /// An error of `code` with a message for an operator.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
