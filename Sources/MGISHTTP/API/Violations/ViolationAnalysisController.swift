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
            return Self.export(GridCounts.compute(violations, grid: grid, filter: filter), request)
        }
        api.on(.get, "/api/v1/violations/analysis/density") { request, _, _ in
            let (violations, filter, grid) = try study(request)
            let bandwidth = try request.uri.queryParameters.get("bandwidth").map { try Self.positive($0, field: "bandwidth", max: 100_000) }
            let surface = try ViolationErrors.mapped {
                try DensitySurface.compute(violations, grid: grid, filter: filter, bandwidthMeters: bandwidth)
            }
            var response = Self.export(surface, request)
            response.headers[HTTPField.Name("X-Bandwidth-Meters")!] = String(Int(surface.bandwidthMeters.rounded()))
            return response
        }
        api.on(.get, "/api/v1/violations/analysis/hotspots") { request, _, _ in
            let (violations, filter, grid) = try study(request)
            return Self.export(try hotspots(violations, filter, grid, request), request)
        }
        api.on(.get, "/api/v1/violations/analysis/clusters") { request, _, _ in
            let parameters = request.uri.queryParameters
            let filter = try ViolationFilterQuery.parse(request)
            let eps = try parameters.get("eps").map { try Self.positive($0, field: "eps", max: 50_000) } ?? 300
            let minPoints = try parameters.get("minPoints").map { text -> Int in
                guard let value = Int(text), (1...10_000).contains(value) else { throw APIError.invalidField("minPoints", "must be 1 ... 10000") }
                return value
            } ?? 5
            let clusters = try ViolationErrors.mapped {
                try Clusters.compute(deps.violations.all, filter: filter, epsMeters: eps, minPoints: minPoints)
            }
            return Self.export(clusters, request)
        }
        api.on(.get, "/api/v1/violations/analysis/time") { request, _, _ in
            let filter = try ViolationFilterQuery.parse(request)
            let matrix = try ViolationErrors.mapped {
                try HourWeekdayMatrix.compute(deps.violations.all, filter: filter, timeZoneIdentifier: try Self.timeZone(request))
            }
            if request.uri.queryParameters.get("format") == "csv" { return Self.csv(matrix.csv()) }
            struct MatrixDTO: Codable { let timeZone: String; let counts: [[Int]]; let total: Int }
            let rows = (1...7).map { weekday in (0..<24).map { matrix.count(weekday: weekday, hour: $0) } }
            return try JSONResponse.make(MatrixDTO(timeZone: matrix.timeZoneIdentifier, counts: rows, total: matrix.total))
        }
        api.on(.get, "/api/v1/violations/analysis/trends") { request, _, _ in
            let filter = try ViolationFilterQuery.parse(request)
            let period: TrendPeriod
            switch request.uri.queryParameters.get("period") ?? "week" {
            case "week": period = .week
            case "month": period = .month
            default: throw APIError.invalidField("period", "must be week or month")
            }
            let trends = try ViolationErrors.mapped {
                try Trends.compute(deps.violations.all, filter: filter, period: period, timeZoneIdentifier: try Self.timeZone(request))
            }
            if request.uri.queryParameters.get("format") == "csv" { return Self.csv(trends.csv()) }
            return try JSONResponse.make(TrendsDTO(trends))
        }
        api.on(.get, "/api/v1/violations/analysis/effort") { request, _, _ in
            let (violations, studied, grid) = try study(request)
            let now = WallClock.nowMillis()
            let range = studied.timeRange ?? (now - 7 * 86_400_000)..<now
            // Violations and patrol hours over the same span, or violations per patrol-hour lies.
            var filter = studied
            filter.timeRange = range
            let tracks = try await BlockingIO.run {
                try deps.store.devices().compactMap { device -> [TrackPoint]? in
                    let fixes = try deps.store.fixes(device: device.id, from: range.lowerBound, to: range.upperBound)
                    return fixes.isEmpty ? nil : fixes.map { TrackPoint($0.fix) }
                }
            }
            let effort = try ViolationErrors.mapped { try PatrolEffort.compute(tracks: tracks, violations: violations, grid: grid, filter: filter) }
            return Self.export(effort, request)
        }
        api.on(.post, "/api/v1/violations/analysis/plan") { request, _, identity in
            try await HotspotPlanner(deps: deps).plan(request, identity: identity)
        }
    }

    /// The violations, the filter and the grid over the study area (the filter's area, else the data's bounds).
    private func study(_ request: Request) throws -> ([Violation], AnalysisFilter, GeoGrid) {
        let filter = try ViolationFilterQuery.parse(request)
        let cell = try Self.cellSize(request.uri.queryParameters.get("cell"))
        let violations = deps.violations.all
        guard violations.contains(where: filter.matches) || filter.area != nil else {
            throw APIError(.notFound, "no_data", "no violations match the filters")
        }
        let grid = try ViolationErrors.mapped { try GeoGrid.studyArea(for: violations, filter: filter, cellSizeMeters: cell) }
        return (violations, filter, grid)
    }

    func hotspots(_ violations: [Violation], _ filter: AnalysisFilter, _ grid: GeoGrid, _ request: Request) throws -> Hotspots {
        let band = try request.uri.queryParameters.get("band").map { try Self.positive($0, field: "band", max: 100_000) }
        return try ViolationErrors.mapped {
            try Hotspots.compute(GridCounts.compute(violations, grid: grid, filter: filter), neighbourhood: band.map { .distanceBand(meters: $0) } ?? .queen)
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

    static func timeZone(_ request: Request) throws -> String {
        let name = request.uri.queryParameters.get("tz") ?? "Europe/Vilnius"
        guard TimeZone(identifier: name) != nil else { throw APIError.invalidField("tz", "is not a known time zone") }
        return name
    }

    static func export(_ result: some ExportableResult, _ request: Request) -> Response {
        request.uri.queryParameters.get("format") == "csv"
            ? csv(result.csv())
            : JSONResponse.raw(Data(result.geoJSON().utf8), contentType: "application/geo+json")
    }

    static func csv(_ text: String) -> Response {
        JSONResponse.raw(Data(text.utf8), contentType: "text/csv; charset=utf-8")
    }
}
