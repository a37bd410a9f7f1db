import Foundation
import Hummingbird
import MGISCore
import MGISDispatch
import MGISStore
import MGISTasks

/// Per-unit shift reports: tasks done, on-time rate, time on scene, distance; JSON or CSV.
struct TaskReportController {
    let deps: APIDependencies

    struct RowDTO: Codable, Sendable {
        var unit: String
        var name: String
        var tasks: Int
        var tasksCompleted: Int
        var tasksFailed: Int
        var onTimeRate: Double?
        var timeOnSceneSeconds: Double
        var distanceMeters: Double
    }

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/reports/units") { request, _, _ in
            let query = request.uri.queryParameters
            let now = WallClock.nowMillis()
            let to = try query.get("to").map { try TrackController.time($0, field: "to") } ?? now
            let from = try query.get("from").map { try TrackController.time($0, field: "from") } ?? to - 12 * 3_600_000
            guard from < to else { throw APIError.invalidField("from", "must be before 'to'") }
            // Every read (tasks, and finished tasks' kept monitoring) in one piece of work on the bounded pool.
            let reports = try await deps.workers.run(cancellingWhenClientLeaves: request) { _ in
                try deps.store.units().map { unit in
                    let tasks = try deps.store.tasks(TaskQuery(unitID: unit.id, fromMillis: from, toMillis: to, limit: 10_000))
                    var monitoring: [Int64: TaskMonitoringState] = [:]
                    for task in tasks { monitoring[task.id] = deps.desk.monitoringState(ofTask: task.id) }
                    return UnitShiftReport(
                        unitID: unit.id, unitName: unit.name, fromMillis: from, toMillis: to, tasks: tasks, monitoring: monitoring, nowMillis: now
                    )
                }
            }
            if query.get("format") == "csv" {
                var response = JSONResponse.raw(Data(UnitShiftReport.csv(reports).utf8), contentType: "text/csv; charset=utf-8")
                response.headers[.contentDisposition] = "attachment; filename=\"mgis-unit-report.csv\""
                return response
            }
            return try JSONResponse.make(ListDTO(items: reports.map { report in
                RowDTO(
                    unit: String(report.unitID), name: report.unitName, tasks: report.taskCount, tasksCompleted: report.completedCount,
                    tasksFailed: report.failedCount, onTimeRate: report.onTimeRate,
                    timeOnSceneSeconds: Double(report.timeOnSceneMillis) / 1000, distanceMeters: report.distanceMeters
                )
            }))
        }
    }
}
