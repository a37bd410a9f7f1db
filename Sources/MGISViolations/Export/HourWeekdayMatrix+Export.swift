extension HourWeekdayMatrix: ExportableResult {
    /// 168 rows, Monday 00 first: ISO weekday, hour, count. No geometry.
    public var exportTable: ExportTable {
        ExportTable(
            columns: ["weekday", "hour", "count"],
            rows: (1...7).flatMap { weekday in
                (0..<24).map { hour in
                    ExportTable.Row(geometry: nil, values: [.int(Int64(weekday)), .int(Int64(hour)), .int(Int64(count(weekday: weekday, hour: hour)))])
                }
            }
        )
    }
}
