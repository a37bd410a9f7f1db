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

    func run(_ request: Request) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(limitedTo: ViolationController.maxImportBytes)
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let now = WallClock.nowMillis()
        let drafts: [ViolationDraft]
        do {
            if contentType.hasPrefix("text/csv") {
                drafts = try ViolationCSVImport.drafts(from: text, catalog: deps.violations.catalog, nowMillis: now)
            } else if contentType.hasPrefix("application/geo+json") || contentType.hasPrefix("application/json") {
                drafts = try ViolationGeoJSONImport.drafts(from: text, catalog: deps.violations.catalog, nowMillis: now)
            } else {
                throw APIError(.unsupportedMediaType, "unsupported_media_type", "send text/csv or application/geo+json")
            }
        } catch let report as ImportReport {
            let refusal = RefusalDTO(
                error: "import_failed",
                message: "\(report.issues.count) problem(s); nothing was imported",
                issues: report.issues.map { IssueDTO(row: $0.row, field: $0.field, message: $0.message) }
            )
            return try JSONResponse.make(refusal, status: .badRequest)
        }
        guard !drafts.isEmpty else { throw APIError.badRequest("the file holds no violations") }
        let register = deps.violations
        let created = try await BlockingIO.run { [drafts] in try ViolationErrors.mapped { try register.record(all: drafts) } }
        struct Imported: Codable { let imported: Int }
        return try JSONResponse.make(Imported(imported: created.count), status: .created)
    }
}
