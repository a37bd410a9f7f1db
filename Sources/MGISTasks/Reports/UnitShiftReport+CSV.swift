import MGISCore

extension UnitShiftReport {
    /// The columns of `csv(_:)`, in order.
    public static let csvHeader = [
        "unit_id", "unit_name", "from_millis", "to_millis", "tasks", "completed", "failed",
        "on_time", "on_time_eligible", "on_time_percent", "time_on_scene_millis", "distance_meters",
    ]

    /// One header row and one row per report, RFC 4180. The on-time percentage has one decimal
    /// and is empty when no task was eligible; distance is rounded to whole metres.
    public static func csv(_ reports: [UnitShiftReport]) -> String {
        var text = CSV.record(csvHeader)
        for report in reports {
            text += CSV.record([
                String(report.unitID), report.unitName, String(report.fromMillis), String(report.toMillis),
                String(report.taskCount), String(report.completedCount), String(report.failedCount),
                String(report.onTime), String(report.onTimeEligible), report.onTimePercentText,
                String(report.timeOnSceneMillis), String(Int64(report.distanceMeters.rounded())),
            ])
        }
        return text
    }

    /// Tenths of a percent, rounded half up, written without Foundation formatting: "66.7".
    private var onTimePercentText: String {
        guard onTimeEligible > 0 else { return "" }
        let tenths = (onTime * 2000 + onTimeEligible) / (2 * onTimeEligible)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
