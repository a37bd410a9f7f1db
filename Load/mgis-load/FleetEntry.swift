/// One simulated tracker as registered on the server: a row of the fleet key file.
///
/// A row carries an MTP/1 key, an IMEI, or both (as `mgisctl device import` accepts them): the
/// key makes it an MTP/1 tracker for `udp`, the IMEI a Teltonika one for `teltonika`, so one
/// file and one import serve both load tests.
struct FleetEntry: Sendable, Equatable {
    /// The MTP/1 device id, 1 ... 2^32-1 (the server's device id for Teltonika trackers too).
    let id: UInt32
    /// A display name for the operator, e.g. `load-1000`.
    let name: String
    /// The 32-byte device key the tags are made with; `nil` for an IMEI-only (Teltonika) row.
    let key: [UInt8]?
    /// The 15-digit IMEI a Teltonika tracker identifies itself with; `nil` for MTP/1-only rows.
    let imei: String?

    init(id: UInt32, name: String, key: [UInt8]?, imei: String? = nil) {
        self.id = id
        self.name = name
        self.key = key
        self.imei = imei
    }

    /// The length of an MTP/1 device key (PROTOCOL.md: 32 random bytes).
    static let keyLength = 32
}
