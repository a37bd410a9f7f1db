import MGISCore

/// A unit's newest fix, as the feed shows it.
struct UnitPosition: Sendable {
    var unit: UnitInfo
    var fix: DeviceFix
}

/// A `FeedDirectory` with the lookups the feed needs on every tick, built once per directory change.
struct FeedDirectoryIndex: Sendable {
    let directory: FeedDirectory
    /// Units in the order frames list them: by id, so frames are deterministic and diffable.
    let sortedUnits: [UnitInfo]
    /// Every shown device of each unit: a unit with several needs its other devices compared.
    let devicesOfUnit: [String: [DeviceID]]

    init(_ directory: FeedDirectory) {
        self.directory = directory
        sortedUnits = directory.units.values.sorted { $0.id < $1.id }
        var devices: [String: [DeviceID]] = [:]
        for (device, unit) in directory.unitOfDevice where directory.units[unit] != nil {
            devices[unit, default: []].append(device)
        }
        devicesOfUnit = devices
    }

    /// Whether `candidate` is the newer fix: by fix time, then receive time, then device id, so ties are stable.
    static func isNewer(_ candidate: DeviceFix, than current: DeviceFix) -> Bool {
        (candidate.fix.timeMillis, candidate.receivedMillis, candidate.device.rawValue)
            > (current.fix.timeMillis, current.receivedMillis, current.device.rawValue)
    }

    /// The newest of the given fixes for each shown unit, by unit id.
    func newestPerUnit(_ fixes: some Sequence<DeviceFix>) -> [String: DeviceFix] {
        var newest: [String: DeviceFix] = [:]
        for fix in fixes {
            guard let unit = directory.unitOfDevice[fix.device], directory.units[unit] != nil else { continue }
            if let current = newest[unit], !Self.isNewer(fix, than: current) { continue }
            newest[unit] = fix
        }
        return newest
    }

    /// The units that moved, given the devices whose newest fix changed, sorted by unit id.
    ///
    /// A unit moved when its newest fix over all its devices is one of the changed ones. A changed
    /// device that is older than another device of the same unit does not move the unit: that
    /// other fix is already shown (or is reported by the next tick), and the map must not jump back.
    func moved(changed fixes: [DeviceFix], live: LiveState) -> [UnitPosition] {
        var moved: [UnitPosition] = []
        for (unitID, fix) in newestPerUnit(fixes) {
            guard let unit = directory.units[unitID] else { continue }
            if let devices = devicesOfUnit[unitID], devices.count > 1 {
                let overtaken = devices.contains { device in
                    guard device != fix.device, let other = live.latest(device) else { return false }
                    return Self.isNewer(other, than: fix)
                }
                if overtaken { continue }
            }
            moved.append(UnitPosition(unit: unit, fix: fix))
        }
        moved.sort { $0.unit.id < $1.unit.id }
        return moved
    }
}
