public import MGISCore
public import MGISProtocol

/// The devices the ingest path accepts, keyed by raw id, with pre-keyed authenticators.
///
/// An immutable value: the ingest handler swaps in a new one when the store's device revision
/// changes, so lookups on the event loop never lock.
public struct DeviceRegistry: IngestRegistry {
    /// What ingest needs to know about one device.
    public struct Entry: Sendable {
        public var id: DeviceID
        public var enabled: Bool
        /// Present for devices with an MTP/1 key.
        public var authenticator: MTPAuthenticator?
        /// The key the authenticator was made from, to reuse it across reloads.
        var key: [UInt8]?
    }

    private(set) var entries: [UInt32: Entry]

    public init() {
        entries = [:]
    }

    /// Builds a registry, reusing the authenticators of `previous` whose key did not change.
    public init(devices: [Device], reusing previous: DeviceRegistry = DeviceRegistry()) {
        var entries: [UInt32: Entry] = [:]
        entries.reserveCapacity(devices.count)
        for device in devices {
            let old = previous.entries[device.id.rawValue]
            let authenticator: MTPAuthenticator? =
                if let key = device.key {
                    old?.key == key ? old?.authenticator : MTPAuthenticator(key: key)
                } else {
                    nil
                }
            entries[device.id.rawValue] = Entry(id: device.id, enabled: device.enabled, authenticator: authenticator, key: device.key)
        }
        self.entries = entries
    }

    /// Keeps the authenticators of `previous` whose key did not change: keying one is costly.
    static func reloaded(from devices: [Device], previous: DeviceRegistry?) -> DeviceRegistry {
        DeviceRegistry(devices: devices, reusing: previous ?? DeviceRegistry())
    }

    public subscript(_ rawID: UInt32) -> Entry? { entries[rawID] }

    public var count: Int { entries.count }
}
