/// Patrol time and violations of one grid cell.
public struct PatrolEffortCell: Hashable, Sendable, Codable {
    public var cell: GridCell
    /// Hours patrolled in the cell.
    public var hours: Double
    /// Violations found in the cell.
    public var violations: Int
    /// `violations / hours`; `nil` when the cell was never patrolled, so an unpatrolled place
    /// is never mistaken for a clean one.
    public var violationsPerHour: Double?
    public var coverage: PatrolCoverage

    public init(cell: GridCell, hours: Double, violations: Int) {
        self.cell = cell
        self.hours = hours
        self.violations = violations
        self.violationsPerHour = hours > 0 ? Double(violations) / hours : nil
        self.coverage = hours > 0 ? .patrolled : .unpatrolled
    }
}
