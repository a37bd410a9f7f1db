import Foundation
import GRDB
public import MGISCore

extension Store {
    /// Creates a user. `passwordHash` is a bcrypt hash, or nil for accounts that only use issued tokens.
    /// - Throws: `StoreError` for a taken or malformed name, no roles, or an unknown unit.
    public func createUser(name: String, roles: Set<Role>, passwordHash: String?, unitID: Int64?, nowMillis: Int64) throws -> User {
        guard User.isValidName(name) else {
            throw StoreError(.invalidInput, "a user name has 1-64 letters, digits, '.', '_' or '-'")
        }
        guard !roles.isEmpty else { throw StoreError(.invalidInput, "a user needs at least one role") }
        return try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [name]) == true {
                throw StoreError(.duplicateName, "a user named '\(name)' exists already")
            }
            try Self.checkUnit(db, unitID)
            try db.execute(
                sql: "INSERT INTO users (name, password_hash, roles, unit_id, disabled, created_ms) VALUES (?, ?, ?, ?, 0, ?)",
                arguments: [name, passwordHash, Self.encode(roles), unitID, nowMillis]
            )
            return User(id: db.lastInsertedRowID, name: name, roles: roles, unitID: unitID, disabled: false, createdMillis: nowMillis)
        }
    }

    /// Every user, by id.
    public func users() throws -> [User] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY id").map(Self.user(from:)) }
    }

    public func user(id: Int64) throws -> User? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user(from:)) }
    }

    public func user(named name: String) throws -> User? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name]).map(Self.user(from:)) }
    }

    /// The user and bcrypt hash for a login name, if the user exists.
    public func credentials(named name: String) throws -> (user: User, passwordHash: String?)? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name]).map { row in
                (Self.user(from: row), row["password_hash"] as String?)
            }
        }
    }

    public func userCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0 }
    }

    /// Changes what is given; disabling a user revokes its tokens in the same transaction, and so
    /// does a new password (all but `keepingToken`, the session that changed it): whoever learnt
    /// the old password, or a token made with it, loses access when it is changed.
    /// - Throws: `StoreError` for an unknown user or unit, or an empty role set.
    @discardableResult
    public func updateUser(
        id: Int64, roles: Set<Role>? = nil, unitID: Int64?? = nil, disabled: Bool? = nil, passwordHash: String? = nil,
        keepingToken: Int64? = nil, nowMillis: Int64
    ) throws -> User {
        try pool.write { db in
            guard try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]) != nil else {
                throw StoreError(.notFound, "no user with id \(id)")
            }
            if let roles {
                guard !roles.isEmpty else { throw StoreError(.invalidInput, "a user needs at least one role") }
                try db.execute(sql: "UPDATE users SET roles = ? WHERE id = ?", arguments: [Self.encode(roles), id])
            }
            if let unitID {
                try Self.checkUnit(db, unitID)
                try db.execute(sql: "UPDATE users SET unit_id = ? WHERE id = ?", arguments: [unitID, id])
            }
            if let passwordHash {
                try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id])
                try db.execute(
                    sql: "UPDATE tokens SET revoked_ms = ? WHERE user_id = ? AND revoked_ms IS NULL AND id IS NOT ?",
                    arguments: [nowMillis, id, keepingToken]
                )
            }
            if let disabled {
                try db.execute(sql: "UPDATE users SET disabled = ? WHERE id = ?", arguments: [disabled, id])
                if disabled {
                    try db.execute(
                        sql: "UPDATE tokens SET revoked_ms = ? WHERE user_id = ? AND revoked_ms IS NULL", arguments: [nowMillis, id]
                    )
                }
            }
            return try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user(from:))!
        }
    }

    /// Stores a token's hash for a user.
    public func insertToken(
        hash: [UInt8], userID: Int64, kind: AccessToken.Kind, label: String, nowMillis: Int64, expiresMillis: Int64
    ) throws -> AccessToken {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO tokens (hash, user_id, kind, label, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [Data(hash), userID, kind.rawValue, label, nowMillis, expiresMillis]
            )
            return AccessToken(
                id: db.lastInsertedRowID, userID: userID, kind: kind, label: label, createdMillis: nowMillis,
                expiresMillis: expiresMillis, revokedMillis: nil
            )
        }
    }

    /// The token record and its user for a token hash.
    public func token(hash: [UInt8]) throws -> (token: AccessToken, user: User)? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tokens WHERE hash = ?", arguments: [Data(hash)]) else { return nil }
            let token = Self.token(from: row)
            guard let user = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [token.userID]).map(Self.user(from:))
            else { return nil }
            return (token, user)
        }
    }

    /// Tokens, newest first; only one user's when `userID` is given.
    public func tokens(userID: Int64? = nil) throws -> [AccessToken] {
        try pool.read { db in
            let rows =
                if let userID {
                    try Row.fetchAll(db, sql: "SELECT * FROM tokens WHERE user_id = ? ORDER BY id DESC", arguments: [userID])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM tokens ORDER BY id DESC")
                }
            return rows.map(Self.token(from:))
        }
    }

    /// Revokes one token. Returns false when it does not exist or was already revoked.
    @discardableResult
    public func revokeToken(id: Int64, nowMillis: Int64) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE tokens SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL", arguments: [nowMillis, id])
            return db.changesCount == 1
        }
    }

    static func checkUnit(_ db: Database, _ unitID: Int64?) throws {
        guard let unitID else { return }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM units WHERE id = ?", arguments: [unitID]) == true else {
            throw StoreError(.notFound, "no unit with id \(unitID)")
        }
    }

    static func encode(_ roles: Set<Role>) -> String {
        roles.map(\.rawValue).sorted().joined(separator: ",")
    }

    static func user(from row: Row) -> User {
        let roles = (row["roles"] as String).split(separator: ",").compactMap { Role(rawValue: String($0)) }
        return User(
            id: row["id"], name: row["name"], roles: Set(roles), unitID: row["unit_id"], disabled: row["disabled"],
            createdMillis: row["created_ms"]
        )
    }

    static func token(from row: Row) -> AccessToken {
        AccessToken(
            id: row["id"], userID: row["user_id"], kind: AccessToken.Kind(rawValue: row["kind"]) ?? .session, label: row["label"],
            createdMillis: row["created_ms"], expiresMillis: row["expires_ms"], revokedMillis: row["revoked_ms"]
        )
    }
}
