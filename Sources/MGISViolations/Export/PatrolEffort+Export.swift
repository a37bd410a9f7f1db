extension PatrolEffort: ExportableResult {
    /// One cell polygon per patrolled or violation cell; `violations_per_hour` is empty/null
    /// where the cell was not patrolled.
    public var exportTable: ExportTable {
        ExportTable(
            columns: ["row", "col", "hours", "violations", "violations_per_hour", "coverage"],
            rows: cells.map { c in
                ExportTable.Row(geometry: .box(c.cell.bounds), values: [
                    .int(Int64(c.cell.id.row)), .int(Int64(c.cell.id.column)), .double(c.hours),
                    .int(Int64(c.violations)), .optional(c.violationsPerHour), .string(c.coverage.rawValue),
                ])
            }
        )
    }
}
