extension DensitySurface: ExportableResult {
    /// One cell polygon per cell with a density above 0.
    public var exportTable: ExportTable {
        ExportTable(
            columns: ["row", "col", "density_per_km2", "bandwidth_m"],
            rows: cells.map { c in
                ExportTable.Row(geometry: .box(c.cell.bounds), values: [
                    .int(Int64(c.cell.id.row)), .int(Int64(c.cell.id.column)),
                    .double(c.densityPerSquareKilometer), .double(bandwidthMeters),
                ])
            }
        )
    }
}
