import MGISProtocol
import MGISTrace

/// The identity of one simulated MTP/1 tracker: its id and its keyed authenticator.
///
/// The authenticator is keyed once here, so tagging a datagram or checking an ACK costs one
/// HMAC update, not a key schedule.
struct SimulatedDevice: Sendable {
    let id: UInt32
    let authenticator: MTPAuthenticator

    /// The tracker of `entry`, or `nil` for a row without an MTP/1 key (a Teltonika tracker).
    init?(_ entry: KeyFileRow) {
        guard let key = entry.key else { return nil }
        self.id = entry.id
        self.authenticator = MTPAuthenticator(key: key)
    }
}
