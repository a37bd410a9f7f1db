import MGISCore
import NIOCore

/// The device registry of the Teltonika listeners: devices with an IMEI, by IMEI. Only enabled
/// ones are accepted; disabled ones are refused but, being registered, not listed as unknown.
struct TeltonikaRegistry: IngestRegistry {
    /// What the listeners need to know of one registered tracker.
    struct Entry: Sendable {
        var id: DeviceID
        var enabled: Bool
        /// Where it may send from; empty: anywhere.
        var allowedNetworks: [IPNetwork]

        /// Whether a packet or connection from `address` may speak for this tracker.
        func admits(_ address: SocketAddress?) -> Bool {
            allowedNetworks.isEmpty || IPNetwork.admits(address?.addressBytes, networks: allowedNetworks)
        }
    }

    private var byIMEI: [String: Entry] = [:]

    init(devices: [Device] = []) {
        for device in devices {
            if let imei = device.imei { byIMEI[imei] = Entry(id: device.id, enabled: device.enabled, allowedNetworks: device.allowedNetworks) }
        }
    }

    /// Built afresh: there is nothing costly to carry over.
    static func reloaded(from devices: [Device], previous: TeltonikaRegistry?) -> TeltonikaRegistry {
        TeltonikaRegistry(devices: devices)
    }

    subscript(_ imei: String) -> Entry? { byIMEI[imei] }

    var count: Int { byIMEI.count }
}
