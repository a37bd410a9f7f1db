import Hummingbird
import MGISCore
import MGISStore

/// Mobile groups: admins manage them; watchers read them; a patrol reads its own.
struct UnitController {
    let deps: APIDependencies

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/units") { _, _, identity in
            var units = try await BlockingIO.run { try deps.store.units() }
            if case .some(let own) = identity.confinedUnit { units = units.filter { $0.id == own } }
            return try JSONResponse.make(ListDTO(items: units.map(UnitDTO.init)))
        }
        api.on(.get, "/api/v1/units/{id}") { _, context, identity in
            let unitID = try context.id(what: "unit")
            let unit = try await BlockingIO.run { try Self.visibleUnit(unitID, identity, deps.store) }
            return try JSONResponse.make(UnitDTO(unit))
        }
        api.on(.post, "/api/v1/units") { request, context, _ in
            let body = try await JSONBody(request, allowed: ["name", "callSign", "homeStation"])
            let name = try body.requiredString("name")
            let callSign = try body.requiredString("callSign")
            let homeStation = try body.string("homeStation") ?? ""
            let unit = try await BlockingIO.run { try deps.store.createUnit(name: name, callSign: callSign, homeStation: homeStation) }
            context.readObjects.target(["unit:\(unit.id)"], details: body.auditDetails())
            await deps.directoryChanged()
            return try JSONResponse.make(UnitDTO(unit), status: .created)
        }
        api.on(.patch, "/api/v1/units/{id}") { request, context, _ in
            let id = try context.id(what: "unit")
            let body = try await JSONBody(request, allowed: ["name", "callSign", "homeStation"])
            context.readObjects.target([], details: body.auditDetails())
            let (name, callSign, homeStation) = (try body.string("name"), try body.string("callSign"), try body.string("homeStation"))
            let unit = try await BlockingIO.run { try deps.store.updateUnit(id: id, name: name, callSign: callSign, homeStation: homeStation) }
            await deps.directoryChanged()
            return try JSONResponse.make(UnitDTO(unit))
        }
        api.on(.delete, "/api/v1/units/{id}") { _, context, _ in
            let id = try context.id(what: "unit")
            try await BlockingIO.run { try deps.store.deleteUnit(id: id) }
            await deps.directoryChanged()
            return Response(status: .noContent)
        }
    }

    /// The unit, if it exists and the identity may see it; 404 otherwise (a patrol does not
    /// learn which other unit ids exist).
    static func visibleUnit(_ id: Int64, _ identity: Identity, _ store: Store) throws -> PatrolUnit {
        if case .some(let own) = identity.confinedUnit, own != id { throw APIError.notFound("unit \(id)") }
        guard let unit = try store.unit(id: id) else { throw APIError.notFound("unit \(id)") }
        return unit
    }
}
