import MGISCore

extension HotspotPlan: ExportableResult {
    /// One feature: the task area polygon with the title and the suggested window.
    public var exportTable: ExportTable {
        let geometry: ExportGeometry
        switch area {
        case .polygon(let polygon): geometry = .polygon(polygon)
        case .circle: geometry = .box(boundingBox)
        }
        return ExportTable(
            columns: ["title", "cells", "violations", "max_gi_z", "weekday", "start_hour", "window_hours", "start", "end", "time_zone"],
            rows: [ExportTable.Row(geometry: geometry, values: [
                .string(title), .int(Int64(cells.count)), .int(Int64(violationCount)), .double(maximumZScore),
                .int(Int64(weekday)), .int(Int64(startHour)), .int(Int64(windowHours)),
                .string(RFC3339.string(fromMillis: startMillis)), .string(RFC3339.string(fromMillis: endMillis)),
                .string(timeZoneIdentifier),
            ])]
        )
    }
}
