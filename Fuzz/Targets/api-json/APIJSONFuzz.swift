import Foundation
@testable import MGISHTTP
import MGISCore
import MGISTasks
import MGISViolations
import FuzzSupport

/// The JSON bodies of the API, decoded as the controllers decode them, without a server.
///
/// The first byte picks the route, the rest is the body. Routes read through `JSONBody` (logins,
/// tokens, devices, units, users, recording) get every field read as the controller reads it;
/// routes read through `StrictJSON` get their DTO turned into its domain value and validated.
/// Invariants: every bad body is a thrown error (an `APIError` naming the field, or a domain
/// validation error), never a trap; a DTO that `StrictJSON` accepted is accepted again from its
/// own encoding and encodes the same way (so nothing the server echoes or stores reads back
/// differently).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPIJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = Data(bytes: data + 1, count: size - 1)
    let route = Int(data[0]) % routes.count
    _ = try? routes[route](body)
    return 0
}

private let routes: [@Sendable (Data) throws -> Void] = [
    { body in  // POST /auth/login
        let fields = try JSONBody(body, allowed: ["username", "password"])
        _ = (try fields.requiredString("username"), try fields.requiredString("password"))
    },
    { body in  // POST /tokens
        let fields = try JSONBody(body, allowed: ["user", "label", "days"])
        _ = (try fields.int("user"), try fields.string("label"), try fields.int("days"))
        _ = fields.auditDetails()
    },
    { body in  // POST /devices, PATCH /devices/{id}
        let fields = try JSONBody(body, allowed: ["id", "name", "imei", "unit", "enabled"])
        _ = (try fields.string("name"), try fields.int("id").map { UInt32(exactly: $0) }, try fields.string("imei"))
        _ = (try fields.bool("enabled"), try UserController.unit(fields), fields.auditDetails())
    },
    { body in  // POST /units, PATCH /units/{id}
        let fields = try JSONBody(body, allowed: ["name", "callSign", "homeStation"])
        _ = (try fields.string("name"), try fields.string("callSign"), try fields.string("homeStation"), fields.auditDetails())
    },
    { body in  // POST /users, PATCH /users/{id}
        let fields = try JSONBody(body, allowed: ["name", "roles", "password", "unit", "disabled"])
        let roles = try UserController.roles(fields) ?? []
        let unit = try UserController.unit(fields) ?? nil
        try UserController.checkPatrolHasUnit(roles: roles, unit: unit)
        _ = (try fields.string("name"), try fields.string("password"), try fields.bool("disabled"))
        fuzzCheck(fields.auditDetails()["new.password"] == nil, "a password reached the audit details")
    },
    { body in  // PUT /recording
        let fields = try JSONBody(body, allowed: ["active", "file", "maxMegabytes"])
        if let file = try fields.string("file"), RecordingDirectory.problem(with: file) == nil {
            fuzzCheck(!file.contains("/") && file != "." && file != "..", "a recording name escapes its directory: \(file)")
        }
        _ = (try fields.bool("active"), try fields.int("maxMegabytes"))
    },
    { body in  // POST /tasks, PUT /tasks/{id}
        try strict(TaskDraftDTO.self, body).draft().validate()
    },
    { body in  // POST /tasks/{id}/actions
        if case .complete(let result) = try strict(TaskActionDTO.self, body).command() { try result.validate() }
    },
    { body in  // POST /task-templates
        let template = try strict(TaskTemplateDTO.self, body).template()
        try template.recurrence?.validate()
    },
    { body in  // POST /task-templates/{id}/schedule, on a template with the request's recurrence
        let schedule = try strict(ScheduleDTO.self, body)
        guard let recurrence = try schedule.recurrence?.rule(field: "recurrence") else { return }
        let from = try TrackController.time(schedule.from, field: "from")
        let to = try TrackController.time(schedule.to, field: "to")
        guard from < to else { return }
        let template = TaskTemplate(
            id: 1, name: "fuzz", type: .areaPatrol, title: "fuzz", instructions: "", priority: .normal,
            area: .circle(center: GeoPoint(latitude: 54.7, longitude: 25.3), radiusMeters: 500), assignedUnitIDs: [],
            checklist: [], defaultDurationMillis: 3_600_000, recurrence: recurrence
        )
        for draft in try template.instantiateRecurring(fromMillis: from, toMillis: to) {
            fuzzCheck(draft.window.startMillis < draft.window.endMillis, "a recurring window ends before it starts")
        }
    },
    { body in  // POST /violations
        let draft = try strict(ViolationInputDTO.self, body).draft(over: nil, reportedBy: 1)
        _ = try Violation(id: 1, draft: draft, catalog: .standard, nowMillis: nowMillis)
    },
    { body in  // PATCH /violations/{id}
        let input = try strict(ViolationInputDTO.self, body)
        let base = ViolationDraft(
            observedMillis: nowMillis - 3_600_000, location: GeoPoint(latitude: 54.7, longitude: 25.3), typeCode: "fuel",
            goodsDescription: "diesel", quantity: nil, quantityUnit: nil, estimatedValueEUR: nil, vehiclePlate: nil,
            vehicleCountry: nil, roadOrCrossing: nil, taskID: nil, unitID: nil, reportingUserID: 1, notes: ""
        )
        _ = try Violation(id: 1, draft: input.draft(over: base, reportedBy: 2), catalog: .standard, nowMillis: nowMillis)
    },
    { body in  // POST /violations/analysis/plan, up to the analysis
        let request = try strict(HotspotPlanner.RequestDTO.self, body)
        _ = GeoPoint(latitude: request.lat, longitude: request.lon).isValid
        _ = try ViolationAnalysisController.cellSize(request.cell.map { String($0) })
        _ = try request.from.map { try TrackController.time($0, field: "from") }
        _ = try request.to.map { try TrackController.time($0, field: "to") }
    },
]

/// A fixed "now" (2026-06-01T00:00:00Z) so that a run is repeatable.
private let nowMillis: Int64 = 1_780_272_000_000

/// `StrictJSON.decode`, then the round trip: the value's own encoding must decode strictly again
/// and encode to the same bytes.
private func strict<T: Codable>(_ type: T.Type, _ body: Data) throws -> T {
    let value = try StrictJSON.decode(type, from: body)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let encoded = try encoder.encode(value)
    let again: T
    do {
        again = try StrictJSON.decode(type, from: encoded)
    } catch {
        fuzzFail("\(T.self) refuses its own encoding \(String(decoding: encoded, as: UTF8.self)): \(error)")
    }
    fuzzCheck(try encoder.encode(again) == encoded, "\(T.self) encodes differently after a round trip")
    return value
}
