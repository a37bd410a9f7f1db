import Foundation
import Hummingbird
import MGISCore
import MGISDispatch
import MGISTasks
import MGISViolations

/// `POST /api/v1/violations/analysis/plan`: the hot cells around a point become the area of a
/// draft task, and the busiest hours of the busiest weekday its window; a dispatcher opens the
/// draft in the console and dispatches it.
struct HotspotPlanner {
    let deps: APIDependencies

    struct RequestDTO: Codable, Sendable {
        var lat: Double
        var lon: Double
        var cell: Double?
        var tz: String?
        var from: String?
        var to: String?
        var types: [String]?
        var windowHours: Int?
    }

    struct PlanDTO: Codable, Sendable {
        let title: String
        let weekday: Int
        let startHour: Int
        let windowHours: Int
        let violationCount: Int
        let windowViolations: Int
        let maxZ: Double
        let cells: Int
    }

    struct ResponseDTO: Codable, Sendable {
        let task: TaskDTO
        let plan: PlanDTO
    }

    func plan(_ request: Request, identity: Identity, audit: AuditReadObjects) async throws -> Response {
        let body = try await StrictJSON.decode(RequestDTO.self, from: request)
        let point = GeoPoint(latitude: body.lat, longitude: body.lon)
        guard point.isValid else { throw APIError.invalidField("lat", "lat and lon must be a point on the globe") }
        let cellSize = try ViolationAnalysisController.cellSize(body.cell.map { String($0) })
        let timeZone = body.tz ?? deps.configuration.timeZone
        guard TimeZone(identifier: timeZone) != nil else { throw APIError.invalidField("tz", "is not a known time zone") }
        try ViolationFilterQuery.checkTypes(body.types.map(Set.init), catalog: deps.violations.catalog)
        var filter = AnalysisFilter(typeCodes: body.types.map(Set.init))
        if body.from != nil || body.to != nil {
            let from = try body.from.map { try TrackController.time($0, field: "from") } ?? Timestamp.range.lowerBound
            let to = try body.to.map { try TrackController.time($0, field: "to") } ?? Timestamp.range.upperBound
            guard from < to else { throw APIError.invalidField("from", "must be before 'to'") }
            filter.timeRange = from..<to
        }
        let violations = deps.violations.all
        guard violations.contains(where: filter.matches) else { throw APIError(.notFound, "no_data", "no violations match the filters") }
        let now = WallClock.nowMillis()
        let (maxSteps, studied) = (deps.configuration.limits.analysisBudget, filter)
        let plan = try await deps.workers.run { cancellation in try ViolationErrors.mapped { () throws -> HotspotPlan in
            let budget = AnalysisBudget(maxSteps: maxSteps, cancellation: cancellation)
            let grid = try GeoGrid.studyArea(for: violations, filter: studied, cellSizeMeters: cellSize)
            let hotspots = try Hotspots.compute(GridCounts.compute(violations, grid: grid, filter: studied), budget: budget)
            guard let cell = grid.cellID(for: point), (hotspots.cell(cell)?.bin ?? 0) >= 2 else {
                throw APIError(.notFound, "not_a_hotspot", "the point is not in a cell that is hot at 95 % or more")
            }
            // The window comes from the hot area's own violations, not the whole study area's: two
            // hotspots may be busy at quite different hours. A first pass finds the area.
            let hours = body.windowHours ?? 4
            let everywhere = try HourWeekdayMatrix.compute(violations, filter: studied, timeZoneIdentifier: timeZone)
            let area = try HotspotPlan.suggest(hotspots: hotspots, at: cell, matrix: everywhere, nowMillis: now, windowHours: hours).area
            guard case .polygon(let outline) = area else { return try HotspotPlan.suggest(hotspots: hotspots, at: cell, matrix: everywhere, nowMillis: now, windowHours: hours) }
            var local = studied
            local.area = outline
            let matrix = try HourWeekdayMatrix.compute(violations, filter: local, timeZoneIdentifier: timeZone)
            return try HotspotPlan.suggest(hotspots: hotspots, at: cell, matrix: matrix.total > 0 ? matrix : everywhere, nowMillis: now, windowHours: hours)
        } }
        let draft = TaskDraft(
            type: .areaPatrol, title: String(plan.title.prefix(200)),
            instructions: "Planned from a violations hotspot: \(plan.violationCount) violations in \(plan.cells.count) cell(s), "
                + "\(plan.windowViolations) of them in this weekday and time window.",
            priority: .normal, area: plan.area, window: TimeWindow(startMillis: plan.startMillis, endMillis: plan.endMillis)
        )
        let actor = TaskActor.dispatcher(userID: identity.user.id)
        let task = try await BlockingIO.run { try TaskController.mapped { try deps.desk.create(draft, by: actor) } }
        audit.target(["task:\(task.id)"])
        let response = ResponseDTO(
            task: TaskDTO(task, monitoring: nil, actor: actor),
            plan: PlanDTO(
                title: plan.title, weekday: plan.weekday, startHour: plan.startHour, windowHours: plan.windowHours,
                violationCount: plan.violationCount, windowViolations: plan.windowViolations, maxZ: plan.maximumZScore, cells: plan.cells.count
            )
        )
        return try JSONResponse.make(response, status: .created)
    }
}
