import Foundation
import Hummingbird
import MGISCore
import MGISDispatch
import MGISStore
import MGISViolations

/// The violations register: analysts and dispatchers record, edit and import; patrols record on
/// the spot and read their unit's; auditors read. Every record read is named in the audit trail.
struct ViolationController {
    let deps: APIDependencies
    /// Import bodies up to this size (a CSV of some 100,000 rows).
    static let maxImportBytes = 32 << 20

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/violation-types") { _, _, _ in
            struct TypeDTO: Codable { let code: String; let label: String }
            return try JSONResponse.make(ListDTO(items: deps.violations.catalog.types.map { TypeDTO(code: $0.code, label: $0.label) }))
        }
        api.on(.get, "/api/v1/violations") { request, context, identity in
            var filter = try ViolationFilterQuery.parse(request, catalog: deps.violations.catalog)
            if case .some(let own) = identity.confinedUnit {
                // The same page shape as any list, `total` included (schemathesis found it missing).
                guard let own else { return try JSONResponse.make(ViolationPageDTO(items: [], total: 0)) }
                filter.unitID = own
            }
            let limit = try request.uri.queryParameters.get("limit").map { text -> Int in
                guard let value = Int(text), (1...10_000).contains(value) else { throw APIError.invalidField("limit", "must be 1 ... 10000") }
                return value
            } ?? 1000
            let matching = deps.violations.all.filter(filter.matches)
            let page = matching.suffix(limit).reversed().map(ViolationDTO.init)
            context.readObjects.note(page.map { "violation:\($0.id)" })
            return try JSONResponse.make(ViolationPageDTO(items: Array(page), total: matching.count))
        }
        api.on(.post, "/api/v1/violations") { request, context, identity in
            let input = try await StrictJSON.decode(ViolationInputDTO.self, from: request)
            var draft = try input.draft(over: nil, reportedBy: identity.user.id)
            if case .some(let own) = identity.confinedUnit {
                // A patrol reports for its own unit, whatever the body says.
                guard let own else { throw APIError.forbidden("a patrol user without a unit cannot report violations") }
                draft.unitID = own
            }
            if let unit = draft.unitID, try await BlockingIO.run({ try deps.store.unit(id: unit) }) == nil {
                throw APIError.invalidField("unit", "names unit \(unit), which does not exist")
            }
            let violation = try await BlockingIO.run { [draft] in try ViolationErrors.mapped { try deps.violations.record(draft) } }
            context.readObjects.target(["violation:\(violation.id)"])
            return try Self.respond(violation, status: .created)
        }
        api.on(.get, "/api/v1/violations/{id}") { _, context, identity in
            let violation = try visible(try context.id(what: "violation"), identity)
            return try Self.respond(violation)
        }
        api.on(.get, "/api/v1/violations/{id}/versions") { _, context, identity in
            let violation = try visible(try context.id(what: "violation"), identity)
            let versions = try await BlockingIO.run { try deps.store.violationVersions(id: violation.id) } + [violation]
            context.readObjects.note(["violation:\(violation.id)"])
            return try JSONResponse.make(ListDTO(items: versions.map(ViolationDTO.init)))
        }
        api.on(.patch, "/api/v1/violations/{id}") { request, context, _ in
            let id = try context.id(what: "violation")
            guard let current = deps.violations.violation(id: id) else { throw APIError.notFound("violation \(id)") }
            guard let expected = try TaskController.ifMatch(request) else {
                throw APIError(.preconditionRequired, "precondition_required", "send If-Match with the violation's ETag to change it")
            }
            let input = try await StrictJSON.decode(ViolationInputDTO.self, from: request)
            var violation = current
            if input.changesContent {
                let draft = try input.draft(over: current.content, reportedBy: nil)
                violation = try await BlockingIO.run {
                    try ViolationErrors.mapped { try deps.violations.edit(id: id, with: draft, expectedVersion: expected) }
                }
            }
            if let status = input.status {
                guard let target = ViolationStatus(rawValue: status) else {
                    throw APIError.invalidField("status", "must be one of \(ViolationStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let version = input.changesContent ? violation.version : expected
                violation = try await BlockingIO.run {
                    try ViolationErrors.mapped { try deps.violations.move(id: id, to: target, expectedVersion: version) }
                }
            }
            return try Self.respond(violation)
        }
        api.on(.post, "/api/v1/violations/import") { request, context, _ in
            try await ViolationImport(deps: deps).run(request, audit: context.readObjects)
        }
    }

    private func visible(_ id: Int64, _ identity: Identity) throws -> Violation {
        guard let violation = deps.violations.violation(id: id) else { throw APIError.notFound("violation \(id)") }
        if case .some(let own) = identity.confinedUnit, violation.unitID == nil || violation.unitID != own {
            throw APIError.notFound("violation \(id)")
        }
        return violation
    }

    static func respond(_ violation: Violation, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try JSONResponse.make(ViolationDTO(violation), status: status)
        response.headers[.eTag] = TaskController.etag(violation.version)
        return response
    }
}
