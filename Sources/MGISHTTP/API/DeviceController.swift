import Foundation
import Hummingbird
import MGISCore
import MGISLive
import MGISStore

/// Trackers: admins register, rename, disable and assign them, and see the unregistered Teltonika
/// IMEIs that tried to send; dispatchers list them.
struct DeviceController {
    let deps: APIDependencies

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/devices") { _, _, _ in
            let devices = try await BlockingIO.run { try deps.store.devices() }
            return try JSONResponse.make(ListDTO(items: devices.map { DeviceDTO($0, lastSeenMillis: deps.live.latest($0.id)?.receivedMillis) }))
        }
        api.on(.get, "/api/v1/devices/unknown") { _, _, _ in
            let sightings = try await BlockingIO.run { try deps.store.unknownIMEIs() }
            return try JSONResponse.make(ListDTO(items: sightings.map(UnknownIMEIDTO.init)))
        }
        api.on(.post, "/api/v1/devices") { request, context, _ in
            let body = try await JSONBody(request, allowed: ["id", "name", "imei", "unit", AllowedNetworksField.name])
            let name = try body.requiredString("name")
            var id: DeviceID? = nil
            if let raw = try body.int("id") {
                guard let value = UInt32(exactly: raw), let valid = DeviceID(rawValue: value) else {
                    throw APIError.invalidField("id", "must be 1 to 4294967295")
                }
                id = valid
            }
            let imei = try body.string("imei")
            let unit = try UserController.unit(body) ?? nil
            let networks = try AllowedNetworksField.parse(body) ?? []
            // Checked before anything is written: a device made without its key shown would be lost.
            if let unit, try await BlockingIO.run({ try deps.store.unit(id: unit) }) == nil {
                throw APIError.invalidField("unit", "names no unit (\(unit))")
            }
            var key: [UInt8]? = nil
            if imei == nil {
                var generator = SystemRandomNumberGenerator()
                key = (0..<Device.keyLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            }
            var device = try await BlockingIO.run { [id, key] in
                try deps.store.addDevice(id: id, name: name, key: key, imei: imei, nowMillis: WallClock.nowMillis())
            }
            if let unit {
                try await BlockingIO.run { [device] in try deps.store.assignDevice(device.id, toUnit: unit) }
                device.unitID = unit
            }
            if !networks.isEmpty {
                try await BlockingIO.run { [device] in try deps.store.setAllowedNetworks(device.id, networks) }
                device.allowedNetworks = networks
            }
            context.readObjects.target(["device:\(device.id.rawValue)"], details: body.auditDetails())
            await deps.directoryChanged()
            return try JSONResponse.make(DeviceDTO(device, key: key), status: .created)
        }
        api.on(.patch, "/api/v1/devices/{id}") { request, context, _ in
            let raw = try context.id(what: "device")
            guard let value = UInt32(exactly: raw), let id = DeviceID(rawValue: value),
                try await BlockingIO.run({ try deps.store.device(id) }) != nil
            else {
                throw APIError.notFound("device \(raw)")
            }
            let body = try await JSONBody(request, allowed: ["name", "enabled", "unit", AllowedNetworksField.name])
            context.readObjects.target([], details: body.auditDetails())
            let name = try body.string("name")
            let enabled = try body.bool("enabled")
            let unit = try UserController.unit(body)
            let networks = try AllowedNetworksField.parse(body)
            // Validate everything before changing anything, so a refused request changes nothing.
            if case .some(.some(let unitID)) = unit, try await BlockingIO.run({ try deps.store.unit(id: unitID) }) == nil {
                throw APIError.invalidField("unit", "names no unit (\(unitID))")
            }
            let devices = try await BlockingIO.run { try deps.store.devices() }
            if let name, let other = devices.first(where: { $0.name == name.trimmingCharacters(in: .whitespaces) }), other.id != id {
                throw APIError.conflict("a device named '\(other.name)' exists already")
            }
            try await BlockingIO.run {
                if let name { try deps.store.renameDevice(id, to: name) }
                if let enabled { try deps.store.setDeviceEnabled(id, enabled) }
                if let unit { try deps.store.assignDevice(id, toUnit: unit) }
                if let networks { try deps.store.setAllowedNetworks(id, networks) }
            }
            await deps.directoryChanged()
            guard let device = try await BlockingIO.run({ try deps.store.device(id) }) else { throw APIError.notFound("device \(raw)") }
            return try JSONResponse.make(DeviceDTO(device, lastSeenMillis: deps.live.latest(device.id)?.receivedMillis))
        }
    }
}
