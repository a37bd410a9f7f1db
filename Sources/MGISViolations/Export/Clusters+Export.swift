extension Clusters: ExportableResult {
    /// One point per input point: its violation id (when clustering violations), cluster
    /// (−1 noise) and role (`core`, `border` or `noise`).
    public var exportTable: ExportTable {
        ExportTable(
            columns: ["violation_id", "cluster", "role"],
            rows: points.indices.map { i in
                let role = isCore[i] ? "core" : labels[i] == Clusters.noise ? "noise" : "border"
                return ExportTable.Row(geometry: .point(points[i]), values: [
                    violationIDs.map { .int($0[i]) } ?? .null, .int(Int64(labels[i])), .string(role),
                ])
            }
        )
    }
}
