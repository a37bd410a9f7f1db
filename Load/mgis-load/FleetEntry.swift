/// One simulated tracker as registered on the server: a row of the fleet key file.
struct FleetEntry: Sendable, Equatable {
    /// The MTP/1 device id, 1 ... 2^32-1.
    let id: UInt32
    /// A display name for the operator, e.g. `load-1000`.
    let name: String
    /// The 32-byte device key the tags are made with.
    let key: [UInt8]

    /// The length of an MTP/1 device key (PROTOCOL.md: 32 random bytes).
    static let keyLength = 32
}
