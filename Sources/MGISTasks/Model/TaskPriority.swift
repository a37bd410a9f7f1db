/// How urgently a task should be handled; ordered so that lists can sort by it.
public enum TaskPriority: String, CaseIterable, Codable, Hashable, Sendable, Comparable {
    case low
    case normal
    case high
    case urgent

    private var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }

    public static func < (lhs: TaskPriority, rhs: TaskPriority) -> Bool { lhs.rank < rhs.rank }
}
