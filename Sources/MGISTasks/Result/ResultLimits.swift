/// The bounds result validation enforces.
public enum ResultLimits {
    public static let checkedCount = 0...100_000
    /// Findings, notes and goods descriptions.
    public static let maximumTextLength = 10_000
    public static let violationTypeLength = 1...64
    /// Plates and quantity units.
    public static let shortCodeLength = 1...16
    public static let maximumViolations = 1000
}
