import MGISCore

extension GridCounts: ExportableResult {
    /// One cell polygon per non-empty cell: row, column, count, value sum, centre.
    public var exportTable: ExportTable {
        ExportTable(
            columns: ["row", "col", "count", "value_sum_eur", "center_lat", "center_lon"],
            rows: cells.map { c in
                ExportTable.Row(geometry: .box(c.cell.bounds), values: [
                    .int(Int64(c.cell.id.row)), .int(Int64(c.cell.id.column)), .int(Int64(c.count)),
                    .double(c.valueSumEUR), .double(c.cell.center.latitude), .double(c.cell.center.longitude),
                ])
            }
        )
    }
}
