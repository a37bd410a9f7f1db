import Foundation
import HTTPTypes
import Hummingbird
import MGISCore
import MGISDispatch
import MGISStore
import MGISTasks
import MGISViolations

/// `/api/v1/violations/analysis/...`: grid counts, kernel density, Gi* hotspots, DBSCAN clusters,
/// the hour x weekday matrix, trends, patrol effort, and a draft task planned from a hotspot.
/// Spatial results are GeoJSON (or CSV with format=csv); the methods are stated in the
/// MGISViolations sources and in docs/ANALYSIS.md.
struct ViolationAnalysisController {
    let deps: APIDependencies

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/violations/analysis/grid") { request, _, _ in
            let (violations, filter, grid) = try study(request)
            let csv = Self.wantsCSV(request)
            return try await analyse(request) { _ in Self.export(GridCounts.compute(violations, grid: grid, filter: filter), csv: csv) }
        }
        api.on(.get, "/api/v1/violations/analysis/density") { request, _, _ in
            let (violations, filter, grid) = try study(request)
            let bandwidth = try request.uri.queryParameters.get("bandwidth").map { try Self.positive($0, field: "bandwidth", max: 100_000) }
            let csv = Self.wantsCSV(request)
            return try await analyse(request) { budget in
                let surface = try DensitySurface.compute(violations, grid: grid, filter: filter, bandwidthMeters: bandwidth, budget: budget)
                var response = Self.export(surface, csv: csv)
                response.headers[HTTPField.Name("X-Bandwidth-Meters")!] = String(Int(surface.bandwidthMeters.rounded()))
                return response
            }
        }
        api.on(.get, "/api/v1/violations/analysis/hotspots") { request, _, _ in
            let (violations, filter, grid) = try study(request)
            let neighbourhood = try Self.neighbourhood(request)
            let significant = try Self.significance(request)
            let csv = Self.wantsCSV(request)
            // Refused before it queues for a worker: the estimate needs only the grid and the band.
            try ViolationErrors.mapped {
                try Hotspots.checkBudget(grid: grid, neighbourhood: neighbourhood, AnalysisBudget(maxSteps: deps.configuration.limits.analysisBudget))
            }
            return try await analyse(request) { budget in
                var result = try Self.hotspots(violations, filter, grid, neighbourhood, budget: budget)
                if let significant { result.cells.removeAll { !significant($0) } }
                return Self.export(result, csv: csv)
            }
        }
        api.on(.get, "/api/v1/violations/analysis/clusters") { request, _, _ in
            let parameters = request.uri.queryParameters
            let filter = try ViolationFilterQuery.parse(request, catalog: deps.violations.catalog)
            let eps = try parameters.get("eps").map { try Self.positive($0, field: "eps", max: 50_000) } ?? 300
            let minPoints = try parameters.get("minPoints").map { text -> Int in
                guard let value = Int(text), (1...10_000).contains(value) else { throw APIError.invalidField("minPoints", "must be 1 ... 10000") }
                return value
            } ?? 5
            let (violations, csv) = (deps.violations.all, Self.wantsCSV(request))
            return try await analyse(request) { budget in
                try Self.export(Clusters.compute(violations, filter: filter, epsMeters: eps, minPoints: minPoints, budget: budget), csv: csv)
            }
        }
        api.on(.get, "/api/v1/violations/analysis/time") { request, _, _ in
            let filter = try ViolationFilterQuery.parse(request, catalog: deps.violations.catalog)
            let (violations, timeZone, csv) = (deps.violations.all, try Self.timeZone(request, default: deps.configuration.timeZone), Self.wantsCSV(request))
            return try await analyse(request) { _ in
                let matrix = try HourWeekdayMatrix.compute(violations, filter: filter, timeZoneIdentifier: timeZone)
                if csv { return Self.csv(matrix.csv()) }
                struct MatrixDTO: Codable { let timeZone: String; let counts: [[Int]]; let total: Int }
                let rows = (1...7).map { weekday in (0..<24).map { matrix.count(weekday: weekday, hour: $0) } }
                return try JSONResponse.make(MatrixDTO(timeZone: matrix.timeZoneIdentifier, counts: rows, total: matrix.total))
            }
        }
        api.on(.get, "/api/v1/violations/analysis/trends") { request, _, _ in
            let filter = try ViolationFilterQuery.parse(request, catalog: deps.violations.catalog)
            let period: TrendPeriod
            switch request.uri.queryParameters.get("period") ?? "week" {
            case "week": period = .week
            case "month": period = .month
            default: throw APIError.invalidField("period", "must be week or month")
            }
            let (violations, timeZone, csv) = (deps.violations.all, try Self.timeZone(request, default: deps.configuration.timeZone), Self.wantsCSV(request))
            return try await analyse(request) { _ in
                let trends = try Trends.compute(violations, filter: filter, period: period, timeZoneIdentifier: timeZone)
                return csv ? Self.csv(trends.csv()) : try JSONResponse.make(TrendsDTO(trends))
            }
        }
        api.on(.get, "/api/v1/violations/analysis/effort") { request, _, _ in
            let (violations, studied, grid) = try study(request)
            let now = WallClock.nowMillis()
            let range = studied.timeRange ?? (now - 7 * 86_400_000)..<now
            // Violations and patrol hours over the same span, or violations per patrol-hour lies.
            var spanned = studied
            spanned.timeRange = range
            let (filter, store, maxPoints, csv) = (spanned, deps.store, deps.configuration.limits.maxEffortPoints, Self.wantsCSV(request))
            return try await analyse(request) { budget in
                let tracks = try Self.tracks(store, range: range, maxPoints: maxPoints, budget: budget)
                return try Self.export(PatrolEffort.compute(tracks: tracks, violations: violations, grid: grid, filter: filter, budget: budget), csv: csv)
            }
        }
        api.on(.post, "/api/v1/violations/analysis/plan") { request, context, identity in
            try await HotspotPlanner(deps: deps).plan(request, identity: identity, audit: context.readObjects)
        }
    }

    /// Runs an analysis on the worker pool within the configured budget, cancelled when the
    /// client hangs up; domain refusals become API errors there.
    func analyse(_ request: Request, _ work: @escaping @Sendable (AnalysisBudget) throws -> Response) async throws -> Response {
        let maxSteps = deps.configuration.limits.analysisBudget
        return try await deps.workers.run(cancellingWhenClientLeaves: request) { cancellation in
            try ViolationErrors.mapped { try work(AnalysisBudget(maxSteps: maxSteps, cancellation: cancellation)) }
        }
    }

    /// Every device's fixes in `range`, refused with 422 past `maxPoints` positions in all.
    static func tracks(_ store: Store, range: Range<Int64>, maxPoints: Int, budget: AnalysisBudget) throws -> [[TrackPoint]] {
        var total = 0
        return try store.devices().compactMap { device -> [TrackPoint]? in
            try budget.checkCancelled()
            let fixes = try store.fixes(device: device.id, from: range.lowerBound, to: range.upperBound, limit: maxPoints - total + 1)
            total += fixes.count
            guard total <= maxPoints else {
                throw ViolationError(
                    .overBudget, "the period holds more than \(maxPoints) positions, the most one analysis reads: shorten the period"
                )
            }
            return fixes.isEmpty ? nil : fixes.map { TrackPoint($0.fix) }
        }
    }

    /// The violations, the filter and the grid over the study area (the filter's area, else the data's bounds).
    private func study(_ request: Request) throws -> ([Violation], AnalysisFilter, GeoGrid) {
        let filter = try ViolationFilterQuery.parse(request, catalog: deps.violations.catalog)
        let cell = try Self.cellSize(request.uri.queryParameters.get("cell"))
        let violations = deps.violations.all
        guard violations.contains(where: filter.matches) || filter.area != nil else {
            throw APIError(.notFound, "no_data", "no violations match the filters")
        }
        let grid = try ViolationErrors.mapped { try GeoGrid.studyArea(for: violations, filter: filter, cellSizeMeters: cell) }
        return (violations, filter, grid)
    }

    static func neighbourhood(_ request: Request) throws -> HotspotNeighbourhood {
        let band = try request.uri.queryParameters.get("band").map { try Self.positive($0, field: "band", max: 100_000) }
        return band.map { .distanceBand(meters: $0) } ?? .queen
    }

    static func hotspots(
        _ violations: [Violation], _ filter: AnalysisFilter, _ grid: GeoGrid, _ neighbourhood: HotspotNeighbourhood, budget: AnalysisBudget
    ) throws -> Hotspots {
        try Hotspots.compute(GridCounts.compute(violations, grid: grid, filter: filter), neighbourhood: neighbourhood, budget: budget)
    }

    /// `significant=true|hot|cold`: which cells to return (nil: all of the grid).
    static func significance(_ request: Request) throws -> (@Sendable (HotspotCell) -> Bool)? {
        switch request.uri.queryParameters.get("significant") {
        case nil: nil
        case "true": { $0.bin != 0 }
        case "hot": { $0.isHot }
        case "cold": { $0.isCold }
        default: throw APIError.invalidField("significant", "must be true, hot or cold")
        }
    }

    static func cellSize(_ text: String?) throws -> Double {
        try text.map { try positive($0, field: "cell", max: 50_000, min: 50) } ?? 500
    }

    static func positive(_ text: String, field: String, max: Double, min: Double = 0) throws -> Double {
        guard let value = Double(text), value.isFinite, value > min || (min > 0 && value == min), value <= max else {
            throw APIError.invalidField(field, "must be a number in \(Int(min)) ... \(Int(max))")
        }
        return value
    }

    static func timeZone(_ request: Request, default zone: String) throws -> String {
        let name = request.uri.queryParameters.get("tz") ?? zone
        guard TimeZone(identifier: name) != nil else { throw APIError.invalidField("tz", "is not a known time zone") }
        return name
    }

    static func wantsCSV(_ request: Request) -> Bool {
        request.uri.queryParameters.get("format") == "csv"
    }

    static func export(_ result: some ExportableResult, csv wantsCSV: Bool) -> Response {
        wantsCSV ? csv(result.csv()) : JSONResponse.raw(Data(result.geoJSON().utf8), contentType: "application/geo+json")
    }

    static func csv(_ text: String) -> Response {
        JSONResponse.raw(Data(text.utf8), contentType: "text/csv; charset=utf-8")
    }
}
