import MGISProtocol

/// The identity of one simulated tracker: its id and its keyed authenticator.
///
/// The authenticator is keyed once here, so tagging a datagram or checking an ACK costs one
/// HMAC update, not a key schedule.
struct SimulatedDevice: Sendable {
    let id: UInt32
    let authenticator: MTPAuthenticator

    init(_ entry: FleetEntry) {
        self.id = entry.id
        self.authenticator = MTPAuthenticator(key: entry.key)
    }
}
