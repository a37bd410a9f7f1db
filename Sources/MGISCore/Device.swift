/// A registered tracker.
public struct Device: Hashable, Sendable {
    public var id: DeviceID
    public var name: String
    /// The 32-byte MTP/1 key; `nil` for trackers known only by IMEI.
    public var key: [UInt8]?
    /// The IMEI of a Teltonika tracker.
    public var imei: String?
    /// A disabled device's datagrams are refused without reply.
    public var enabled: Bool
    /// Registration time, milliseconds since the Unix epoch.
    public var createdMillis: Int64
    /// The mobile group whose positions this tracker reports.
    public var unitID: Int64?
    /// The source networks a Teltonika tracker may send from; empty: anywhere. Its packets and
    /// connections from elsewhere are dropped, as its IMEI is its only credential.
    public var allowedNetworks: [IPNetwork] = []

    public init(
        id: DeviceID, name: String, key: [UInt8]?, imei: String? = nil, enabled: Bool = true, createdMillis: Int64,
        unitID: Int64? = nil
    ) {
        self.unitID = unitID
        self.id = id
        self.name = name
        self.key = key
        self.imei = imei
        self.enabled = enabled
        self.createdMillis = createdMillis
    }

    /// MTP/1 keys are 32 random bytes.
    public static let keyLength = 32
}
