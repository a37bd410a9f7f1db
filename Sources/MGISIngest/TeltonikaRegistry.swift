import MGISCore

/// The device registry of the Teltonika listeners: devices with an IMEI, by IMEI. Only enabled
/// ones are accepted; disabled ones are refused but, being registered, not listed as unknown.
struct TeltonikaRegistry: IngestRegistry {
    private var byIMEI: [String: (id: DeviceID, enabled: Bool)] = [:]

    init(devices: [Device] = []) {
        for device in devices {
            if let imei = device.imei { byIMEI[imei] = (device.id, device.enabled) }
        }
    }

    /// Built afresh: there is nothing costly to carry over.
    static func reloaded(from devices: [Device], previous: TeltonikaRegistry?) -> TeltonikaRegistry {
        TeltonikaRegistry(devices: devices)
    }

    subscript(_ imei: String) -> (id: DeviceID, enabled: Bool)? { byIMEI[imei] }

    var count: Int { byIMEI.count }
}
