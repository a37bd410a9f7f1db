import NIOCore

/// Everything the TCP engine keeps for one simulated Teltonika tracker.
struct TCPDeviceSlot {
    /// The state of the tracker's connection to the server.
    enum Link {
        /// No connection; the next frame opens one.
        case closed
        /// Connecting, or waiting for the answer to the IMEI handshake. The channel is known once
        /// the connect completed, so a stalled handshake can be closed.
        case connecting((any Channel)?)
        /// Handshake accepted: frames may be written.
        case ready(any Channel)

        var channel: (any Channel)? {
            switch self {
            case .closed: nil
            case .connecting(let channel): channel
            case .ready(let channel): channel
            }
        }
    }

    var car: PatrolCar
    var link = Link.closed
    /// Bumped for every connection attempt and every close we make, so callbacks of an older
    /// connection (a late answer, its close) are recognised and ignored.
    var generation: UInt32 = 0
    /// Frames that fell due while the tracker was still busy with an earlier one.
    var backlog = 0
    /// The frame being delivered, if any.
    var current: PendingFrame?
    /// Bumped for every retransmission deadline set; a deadline that no longer matches it is
    /// stale (the frame was answered, re-sent, or given up since).
    var deadlineToken: UInt32 = 0
}
