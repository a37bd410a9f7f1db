/// Whether a cell was patrolled at all in the analysed period.
public enum PatrolCoverage: String, Hashable, Sendable, Codable {
    case patrolled
    /// No patrol time: the absence of violations here means nothing.
    case unpatrolled
}
