/// The bounds validation enforces, in one place so that clients and documentation can quote them.
public enum TaskLimits {
    public static let titleLength = 1...200
    public static let maximumInstructionsLength = 10_000
    /// A task longer than a month is a standing order, not a task.
    public static let maximumWindowMillis: Int64 = 31 * 24 * 60 * 60 * 1000
    /// Larger circles are almost certainly a unit mix-up (kilometres typed as metres).
    public static let maximumCircleRadiusMeters = 100_000.0
    /// Vertices over the outer ring and all holes; bounds the cost of every point-in-area test.
    public static let maximumPolygonVertices = 1000
    public static let maximumChecklistItems = 100
    public static let checklistItemLength = 1...500
    public static let maximumAttachments = 20
    public static let attachmentNameLength = 1...255
    /// 100 MiB: larger files do not belong on a patrol's phone.
    public static let maximumAttachmentBytes: Int64 = 100 * 1024 * 1024
}
