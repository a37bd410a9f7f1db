import Foundation
import Hummingbird
import MGISCore
import MGISDispatch
import MGISViolations

/// `POST /api/v1/violations/import`: a CSV or GeoJSON file, all of it or nothing. A file with bad
/// rows is refused with every row and field named; nothing is recorded.
struct ViolationImport {
    let deps: APIDependencies

    struct IssueDTO: Codable {
        let row: Int
        let field: String
        let message: String
    }

    struct RefusalDTO: Codable {
        let error: String
        let message: String
        let issues: [IssueDTO]
    }

    /// - Parameter audit: told what was created: the id range (an import may hold 100,000 rows,
    ///   too many to name one by one in an audit entry).
    func run(_ request: Request, audit: AuditReadObjects) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(limitedTo: ViolationController.maxImportBytes)
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let now = WallClock.nowMillis()
        let (catalog, register) = (deps.violations.catalog, deps.violations)
        enum Format { case csv, geoJSON }
        let format: Format
        if contentType.hasPrefix("text/csv") {
            format = .csv
        } else if contentType.hasPrefix("application/geo+json") || contentType.hasPrefix("application/json") {
            format = .geoJSON
        } else {
            throw APIError(.unsupportedMediaType, "unsupported_media_type", "send text/csv or application/geo+json")
        }
        // Parsing and recording up to the import limit is seconds of work: the bounded pool's.
        let outcome = try await deps.workers.run { _ -> Result<[Int64], ImportReport> in
            let drafts: [ViolationDraft]
            do {
                drafts = switch format {
                case .csv: try ViolationCSVImport.drafts(from: text, catalog: catalog, nowMillis: now)
                case .geoJSON: try ViolationGeoJSONImport.drafts(from: text, catalog: catalog, nowMillis: now)
                }
            } catch let report as ImportReport {
                return .failure(report)
            }
            guard !drafts.isEmpty else { throw APIError.badRequest("the file holds no violations") }
            return .success(try ViolationErrors.mapped { try register.record(all: drafts) }.map(\.id))
        }
        let created: Int
        switch outcome {
        case .success(let ids):
            created = ids.count
            if let first = ids.min(), let last = ids.max() {
                audit.target([], details: ["imported": String(ids.count), "violations": "violation:\(first) ... violation:\(last)"])
            }
        case .failure(let report):
            let refusal = RefusalDTO(
                error: "import_failed",
                message: "\(report.issues.count) problem(s); nothing was imported",
                issues: report.issues.map { IssueDTO(row: $0.row, field: $0.field, message: $0.message) }
            )
            return try JSONResponse.make(refusal, status: .badRequest)
        }
        struct Imported: Codable { let imported: Int }
        return try JSONResponse.make(Imported(imported: created), status: .created)
    }
}
