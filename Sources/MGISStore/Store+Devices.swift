import Foundation
import GRDB
public import MGISCore

extension Store {
    /// Registers a device. With `id` nil the next free id is taken.
    /// - Throws: `StoreError` for a taken id, name or IMEI, or a key that is not 32 bytes.
    @discardableResult
    public func addDevice(
        id: DeviceID?,
        name: String,
        key: [UInt8]?,
        imei: String? = nil,
        nowMillis: Int64
    ) throws -> Device {
        try pool.write { db in try Self.insertDevice(db, id: id, name: name, key: key, imei: imei, nowMillis: nowMillis) }
    }

    /// Registers several devices in one transaction: all or none.
    /// - Throws: `StoreError` naming the first offending entry (1-based `line` in the message).
    public func importDevices(_ devices: [(line: Int, id: DeviceID, name: String, key: [UInt8]?, imei: String?)], nowMillis: Int64) throws {
        try pool.write { db in
            for entry in devices {
                do {
                    _ = try Self.insertDevice(db, id: entry.id, name: entry.name, key: entry.key, imei: entry.imei, nowMillis: nowMillis)
                } catch let error as StoreError {
                    throw StoreError(error.code, "line \(entry.line): \(error.message)")
                }
            }
        }
    }

    /// Every registered device, by id.
    public func devices() throws -> [Device] {
        try pool.read(Self.fetchDevices)
    }

    private static func fetchDevices(_ db: Database) throws -> [Device] {
        try Row.fetchAll(db, sql: "SELECT id, name, key, imei, enabled, created_ms, unit_id, allowed_networks FROM devices ORDER BY id").map(device(from:))
    }

    /// The device with this id, if registered.
    public func device(_ id: DeviceID) throws -> Device? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, name, key, imei, enabled, created_ms, unit_id, allowed_networks FROM devices WHERE id = ?",
                arguments: [Int64(id.rawValue)]
            ).map(Self.device(from:))
        }
    }

    /// Enables or disables a device; a disabled device's datagrams are refused without reply.
    /// - Throws: `StoreError.Code.unknownDevice` when no such device exists.
    public func setDeviceEnabled(_ id: DeviceID, _ enabled: Bool) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE devices SET enabled = ? WHERE id = ?", arguments: [enabled, Int64(id.rawValue)])
            guard db.changesCount == 1 else { throw StoreError(.unknownDevice, "no device with id \(id)") }
        }
    }

    /// A number that changes whenever any device row changes, from any process.
    public func deviceRevision() throws -> Int64 {
        try pool.read(Self.fetchDeviceRevision)
    }

    private static func fetchDeviceRevision(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'devices_rev'") ?? 0
    }

    /// The device list and its revision when the revision is no longer `revision`, else nil: what
    /// the listeners poll every second. One asynchronous read, so the polling task holds no
    /// thread while SQLite works.
    public func devicesChanged(since revision: Int64) async throws -> (revision: Int64, devices: [Device])? {
        try await pool.read { db in
            let latest = try Self.fetchDeviceRevision(db)
            return latest == revision ? nil : (latest, try Self.fetchDevices(db))
        }
    }

    private static func insertDevice(
        _ db: Database, id: DeviceID?, name: String, key: [UInt8]?, imei: String?, nowMillis: Int64
    ) throws -> Device {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw StoreError(.invalidInput, "a device name must have 1 to 100 characters")
        }
        if let key, key.count != Device.keyLength {
            throw StoreError(.invalidInput, "a device key must be \(Device.keyLength) bytes, got \(key.count)")
        }
        if let imei, !(imei.count == 15 && imei.allSatisfy(\.isASCII) && imei.allSatisfy(\.isNumber)) {
            throw StoreError(.invalidInput, "an IMEI has 15 digits, got '\(imei)'")
        }
        guard key != nil || imei != nil else { throw StoreError(.invalidInput, "a device needs a key or an IMEI") }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM devices WHERE name = ?", arguments: [trimmed]) == true {
            throw StoreError(.duplicateName, "a device named '\(trimmed)' exists already")
        }
        if let imei, try Bool.fetchOne(db, sql: "SELECT 1 FROM devices WHERE imei = ?", arguments: [imei]) == true {
            throw StoreError(.duplicateIMEI, "a device with IMEI \(imei) exists already")
        }
        let newID: DeviceID
        if let id {
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM devices WHERE id = ?", arguments: [Int64(id.rawValue)]) == true {
                throw StoreError(.duplicateID, "device id \(id) is taken")
            }
            newID = id
        } else {
            let next = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM devices") ?? 1
            guard let free = UInt32(exactly: next).flatMap(DeviceID.init(rawValue:)) else {
                throw StoreError(.invalidInput, "no free device id above the highest one; give --id")
            }
            newID = free
        }
        try db.execute(
            sql: "INSERT INTO devices (id, name, key, imei, enabled, created_ms) VALUES (?, ?, ?, ?, 1, ?)",
            arguments: [Int64(newID.rawValue), trimmed, key.map { Data($0) }, imei, nowMillis]
        )
        // Registered: no longer unknown. (Should it be disabled and keep sending, its packets list it again.)
        if let imei { try db.execute(sql: "DELETE FROM unknown_imeis WHERE imei = ?", arguments: [imei]) }
        return Device(id: newID, name: trimmed, key: key, imei: imei, enabled: true, createdMillis: nowMillis)
    }

    static func device(from row: Row) -> Device {
        var device = Device(
            id: DeviceID(unchecked: UInt32(truncatingIfNeeded: row["id"] as Int64)),
            name: row["name"],
            key: (row["key"] as Data?).map { [UInt8]($0) },
            imei: row["imei"],
            enabled: row["enabled"],
            createdMillis: row["created_ms"],
            unitID: row["unit_id"]
        )
        // Written only by `setAllowedNetworks`, canonical; an entry that no longer parses is dropped
        // rather than read as "anywhere" for the whole list.
        if let text = row["allowed_networks"] as String? {
            device.allowedNetworks = text.split(separator: ",").compactMap { IPNetwork(String($0)) }
        }
        return device
    }

    /// Sets the source networks a Teltonika tracker may send from; empty: anywhere.
    /// - Throws: `StoreError.Code.unknownDevice` when no such device exists.
    public func setAllowedNetworks(_ id: DeviceID, _ networks: [IPNetwork]) throws {
        let text = networks.isEmpty ? nil : networks.map(\.description).joined(separator: ",")
        try pool.write { db in
            try db.execute(sql: "UPDATE devices SET allowed_networks = ? WHERE id = ?", arguments: [text, Int64(id.rawValue)])
            guard db.changesCount == 1 else { throw StoreError(.unknownDevice, "no device with id \(id)") }
        }
    }
}
