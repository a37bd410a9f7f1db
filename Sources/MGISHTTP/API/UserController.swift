import Hummingbird
import MGISCore
import MGISStore

/// Users, for admins.
struct UserController {
    let deps: APIDependencies

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/users") { _, _, _ in
            try JSONResponse.make(ListDTO(items: try await BlockingIO.run { try deps.store.users() }.map(UserDTO.init)))
        }
        api.on(.get, "/api/v1/users/{id}") { _, context, _ in
            let id = try context.id(what: "user")
            guard let user = try await BlockingIO.run({ try deps.store.user(id: id) }) else { throw APIError.notFound("user \(id)") }
            return try JSONResponse.make(UserDTO(user))
        }
        api.on(.post, "/api/v1/users") { request, context, _ in
            let body = try await JSONBody(request, allowed: ["name", "roles", "password", "unit"])
            let name = try body.requiredString("name")
            let roles = try Self.roles(body)
            guard let roles, !roles.isEmpty else { throw APIError.invalidField("roles", "is required: one or more roles") }
            let password = try body.string("password")
            if let password { try PasswordHasher.check(password) }
            let unit = try Self.unit(body)
            if case .some(.some(let unitID)) = unit, try await BlockingIO.run({ try deps.store.unit(id: unitID) }) == nil {
                throw APIError.invalidField("unit", "names no unit (\(unitID))")
            }
            try Self.checkPatrolHasUnit(roles: roles, unit: unit ?? nil)
            let hash = try await password.asyncMap { try await deps.hasher.hash($0) }
            let user = try await BlockingIO.run {
                try deps.store.createUser(
                    name: name, roles: roles, passwordHash: hash, unitID: unit ?? nil, nowMillis: WallClock.nowMillis()
                )
            }
            context.readObjects.target(["user:\(user.id)"], details: body.auditDetails(secret: ["password"]))
            await deps.directoryChanged()
            return try JSONResponse.make(UserDTO(user), status: .created)
        }
        api.on(.patch, "/api/v1/users/{id}") { request, context, identity in
            let id = try context.id(what: "user")
            let body = try await JSONBody(request, allowed: ["roles", "password", "unit", "disabled"])
            // What changed, for the audit trail; a new password is named, never shown.
            context.readObjects.target([], details: body.auditDetails(secret: ["password"]))
            let password = try body.string("password")
            if let password { try PasswordHasher.check(password) }
            let roles = try Self.roles(body)
            let unit = try Self.unit(body)
            let disabled = try body.bool("disabled")
            guard let current = try await BlockingIO.run({ try deps.store.user(id: id) }) else { throw APIError.notFound("user \(id)") }
            if case .some(.some(let unitID)) = unit, try await BlockingIO.run({ try deps.store.unit(id: unitID) }) == nil {
                throw APIError.invalidField("unit", "names no unit (\(unitID))")
            }
            try Self.checkPatrolHasUnit(roles: roles ?? current.roles, unit: unit ?? current.unitID)
            let hash = try await password.asyncMap { try await deps.hasher.hash($0) }
            let user = try await BlockingIO.run {
                // A new password revokes the user's tokens, except the one of this request when
                // an admin changes their own.
                try deps.store.updateUser(
                    id: id, roles: roles, unitID: unit, disabled: disabled, passwordHash: hash,
                    keepingToken: identity.user.id == id ? identity.tokenID : nil, nowMillis: WallClock.nowMillis()
                )
            }
            deps.authenticator.invalidate()
            await deps.directoryChanged()
            return try JSONResponse.make(UserDTO(user))
        }
    }

    /// A patrol user sees only its unit's tasks, positions and violations: without a unit it would
    /// see nothing, which is never what an administrator means.
    static func checkPatrolHasUnit(roles: Set<Role>, unit: Int64?) throws {
        guard roles.contains(.patrol), unit == nil else { return }
        throw APIError.invalidField("unit", "is required for a patrol user: the unit whose tasks and positions it sees")
    }

    static func roles(_ body: JSONBody) throws -> Set<Role>? {
        guard let names = try body.strings("roles") else { return nil }
        return Set(
            try names.map { name in
                guard let role = Role(rawValue: name) else {
                    throw APIError.invalidField("roles", "has unknown role '\(name)'; roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return role
            }
        )
    }

    /// `.none`: not given; `.some(nil)`: explicitly null (no unit); `.some(id)`.
    static func unit(_ body: JSONBody) throws -> Int64?? {
        if body.isNull("unit") { return .some(nil) }
        guard let text = try body.string("unit") else { return .none }
        guard let id = Int64(text) else { throw APIError.invalidField("unit", "must be a unit id") }
        return .some(id)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
