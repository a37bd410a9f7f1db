import MGISCore

extension Trends: ExportableResult {
    /// One row per bucket of every series, the all-types series first (type empty/null).
    public var exportTable: ExportTable {
        ExportTable(
            columns: ["type", "bucket_start", "count", "value_sum_eur", "count_change", "count_change_pct", "value_change_eur", "value_change_pct"],
            rows: ([total] + byType).flatMap { series in
                series.buckets.map { b in
                    ExportTable.Row(geometry: nil, values: [
                        series.typeCode.map(ExportValue.string) ?? .null, .string(RFC3339.string(fromMillis: b.startMillis)),
                        .int(Int64(b.count)), .double(b.valueSumEUR), b.countChange.map { .int(Int64($0)) } ?? .null,
                        .optional(b.countChangePercent), .optional(b.valueChangeEUR), .optional(b.valueChangePercent),
                    ])
                }
            }
        )
    }
}
