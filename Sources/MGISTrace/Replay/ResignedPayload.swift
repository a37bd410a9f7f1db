/// A payload ready to send, and whether the resigner changed it.
public struct ResignedPayload: Hashable, Sendable {
    /// What happened to the recorded bytes.
    public enum Disposition: Hashable, Sendable {
        /// Decoded, times shifted and (MTP/1) signed under the target key.
        case rewritten
        /// Sent as recorded, for the reason given: the resigner never invents a datagram, so
        /// malformed or unauthentic traffic in a trace replays as exactly that.
        case verbatim(reason: String)
    }

    public var payload: [UInt8]
    public var disposition: Disposition

    public init(payload: [UInt8], disposition: Disposition) {
        self.payload = payload
        self.disposition = disposition
    }
}
