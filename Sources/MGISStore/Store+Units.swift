import GRDB
public import MGISCore

extension Store {
    /// Creates a mobile group.
    /// - Throws: `StoreError` for an empty or taken name or call sign.
    public func createUnit(name: String, callSign: String, homeStation: String) throws -> PatrolUnit {
        let (name, callSign) = (name.trimmed, callSign.trimmed)
        try Self.validateUnit(name: name, callSign: callSign, homeStation: homeStation)
        return try pool.write { db in
            try Self.checkUnitUnique(db, name: name, callSign: callSign, except: nil)
            try db.execute(
                sql: "INSERT INTO units (name, call_sign, home_station) VALUES (?, ?, ?)", arguments: [name, callSign, homeStation]
            )
            return PatrolUnit(id: db.lastInsertedRowID, name: name, callSign: callSign, homeStation: homeStation, memberIDs: [], deviceIDs: [])
        }
    }

    /// Every unit with its members and devices, by id.
    public func units() throws -> [PatrolUnit] {
        try pool.read { db in try Self.units(db, where: nil) }
    }

    public func unit(id: Int64) throws -> PatrolUnit? {
        try pool.read { db in try Self.units(db, where: id).first }
    }

    /// Changes what is given.
    /// - Throws: `StoreError` for an unknown unit or a taken name or call sign.
    @discardableResult
    public func updateUnit(id: Int64, name: String?, callSign: String?, homeStation: String?) throws -> PatrolUnit {
        try pool.write { db in
            guard var unit = try Self.units(db, where: id).first else { throw StoreError(.notFound, "no unit with id \(id)") }
            unit.name = name?.trimmed ?? unit.name
            unit.callSign = callSign?.trimmed ?? unit.callSign
            unit.homeStation = homeStation ?? unit.homeStation
            try Self.validateUnit(name: unit.name, callSign: unit.callSign, homeStation: unit.homeStation)
            try Self.checkUnitUnique(db, name: unit.name, callSign: unit.callSign, except: id)
            try db.execute(
                sql: "UPDATE units SET name = ?, call_sign = ?, home_station = ? WHERE id = ?",
                arguments: [unit.name, unit.callSign, unit.homeStation, id]
            )
            return unit
        }
    }

    /// Deletes a unit; its devices and members become unassigned.
    public func deleteUnit(id: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE devices SET unit_id = NULL WHERE unit_id = ?", arguments: [id])
            try db.execute(sql: "UPDATE users SET unit_id = NULL WHERE unit_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM units WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no unit with id \(id)") }
        }
    }

    /// Assigns a device to a unit, or unassigns it with nil.
    public func assignDevice(_ device: DeviceID, toUnit unitID: Int64?) throws {
        try pool.write { db in
            try Self.checkUnit(db, unitID)
            try db.execute(sql: "UPDATE devices SET unit_id = ? WHERE id = ?", arguments: [unitID, Int64(device.rawValue)])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no device with id \(device)") }
        }
    }

    /// Renames a device.
    public func renameDevice(_ device: DeviceID, to name: String) throws {
        let name = name.trimmed
        guard !name.isEmpty, name.count <= 100 else { throw StoreError(.invalidInput, "a device name must have 1 to 100 characters") }
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM devices WHERE name = ? AND id != ?", arguments: [name, Int64(device.rawValue)]) == true {
                throw StoreError(.duplicateName, "a device named '\(name)' exists already")
            }
            try db.execute(sql: "UPDATE devices SET name = ? WHERE id = ?", arguments: [name, Int64(device.rawValue)])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no device with id \(device)") }
        }
    }

    private static func units(_ db: Database, where id: Int64?) throws -> [PatrolUnit] {
        let rows =
            if let id {
                try Row.fetchAll(db, sql: "SELECT * FROM units WHERE id = ?", arguments: [id])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM units ORDER BY id")
            }
        var members: [Int64: [Int64]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, unit_id FROM users WHERE unit_id IS NOT NULL ORDER BY id") {
            members[row["unit_id"], default: []].append(row["id"])
        }
        var devices: [Int64: [DeviceID]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, unit_id FROM devices WHERE unit_id IS NOT NULL ORDER BY id") {
            devices[row["unit_id"], default: []].append(DeviceID(unchecked: UInt32(truncatingIfNeeded: row["id"] as Int64)))
        }
        return rows.map { row in
            let id: Int64 = row["id"]
            return PatrolUnit(
                id: id, name: row["name"], callSign: row["call_sign"], homeStation: row["home_station"],
                memberIDs: members[id] ?? [], deviceIDs: devices[id] ?? []
            )
        }
    }

    private static func validateUnit(name: String, callSign: String, homeStation: String) throws {
        guard (1...100).contains(name.count) else { throw StoreError(.invalidInput, "a unit name must have 1 to 100 characters") }
        guard (1...32).contains(callSign.count) else { throw StoreError(.invalidInput, "a call sign must have 1 to 32 characters") }
        guard homeStation.count <= 100 else { throw StoreError(.invalidInput, "a home station must have at most 100 characters") }
    }

    private static func checkUnitUnique(_ db: Database, name: String, callSign: String, except id: Int64?) throws {
        let other = id ?? -1
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM units WHERE name = ? AND id != ?", arguments: [name, other]) == true {
            throw StoreError(.duplicateName, "a unit named '\(name)' exists already")
        }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM units WHERE call_sign = ? AND id != ?", arguments: [callSign, other]) == true {
            throw StoreError(.duplicateName, "call sign '\(callSign)' is taken")
        }
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
