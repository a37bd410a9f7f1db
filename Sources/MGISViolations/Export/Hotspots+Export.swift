extension Hotspots: ExportableResult {
    /// One cell polygon per cell of the study area with its Gi* z-score, p-value and bin
    /// (`gi_bin` as ArcGIS names it).
    public var exportTable: ExportTable {
        ExportTable(
            columns: ["row", "col", "count", "neighbours", "gi_z", "gi_p", "gi_bin"],
            rows: cells.map { c in
                ExportTable.Row(geometry: .box(c.cell.bounds), values: [
                    .int(Int64(c.cell.id.row)), .int(Int64(c.cell.id.column)), .int(Int64(c.count)),
                    .int(Int64(c.neighbourCount)), .double(c.zScore), .double(c.pValue), .int(Int64(c.bin)),
                ])
            }
        )
    }
}
