/// What verification found: how much was checked and the first failure, if any.
public struct AuditVerificationReport: Hashable, Sendable, CustomStringConvertible {
    /// Entries checked (all of them when there is no failure).
    public var entries: Int
    /// Stored checkpoints checked.
    public var checkpoints: Int
    /// External checkpoints checked.
    public var externalCheckpoints: Int
    /// Entries after the largest checkpoint, which no signature covers yet.
    public var unsignedEntries: Int
    /// The first failure; `nil` when everything verified.
    public var failure: AuditVerificationFailure?

    public init(
        entries: Int,
        checkpoints: Int,
        externalCheckpoints: Int = 0,
        unsignedEntries: Int = 0,
        failure: AuditVerificationFailure? = nil
    ) {
        self.entries = entries
        self.checkpoints = checkpoints
        self.externalCheckpoints = externalCheckpoints
        self.unsignedEntries = unsignedEntries
        self.failure = failure
    }

    /// Whether everything verified.
    public var isValid: Bool { failure == nil }

    public var description: String {
        if let failure { return "FAILED: \(failure)" }
        var text = "OK: \(entries) entries, \(checkpoints) checkpoints"
        if externalCheckpoints > 0 { text += ", \(externalCheckpoints) external checkpoints" }
        return text
    }
}
