import MGISCore
import MGISLive
import MGISStore

/// Builds the live feed's directory from the store: every unit, and every device mapped to its
/// unit. A device assigned to no unit still shows, as a unit of its own named after it
/// (id `device-N`), so no moving tracker is invisible to dispatchers.
enum FeedDirectoryBuilder {
    static func build(from store: Store) throws -> FeedDirectory {
        var units: [String: UnitInfo] = [:]
        var unitOfDevice: [DeviceID: String] = [:]
        for unit in try store.units() {
            units[String(unit.id)] = UnitInfo(id: String(unit.id), name: unit.name, callSign: unit.callSign)
        }
        for device in try store.devices() {
            if let unitID = device.unitID, units[String(unitID)] != nil {
                unitOfDevice[device.id] = String(unitID)
            } else {
                let id = "device-\(device.id)"
                units[id] = UnitInfo(id: id, name: device.name, callSign: device.name)
                unitOfDevice[device.id] = id
            }
        }
        return FeedDirectory(units: units, unitOfDevice: unitOfDevice)
    }
}
