import NIOCore

/// What one `udp` run does, fixed before it starts; all durations in nanoseconds of the
/// monotonic clock the engine reads.
struct LoadPlan: Sendable {
    /// Total fixes per second across the fleet; `nil` sends as fast as the sockets take them.
    let fixesPerSecond: Double?
    /// Records per POSITIONS datagram, 1 ... 50.
    let fixesPerDatagram: Int
    /// How long new datagrams are sent.
    let sendNanos: UInt64
    /// The wait before an un-ACKed datagram is sent again.
    let retransmitNanos: UInt64
    /// Retransmissions of one datagram before it counts as lost.
    let maxRetransmits: Int
    /// How long after sending stops the engine waits for outstanding ACKs.
    let drainNanos: UInt64
    /// The pacing tick.
    let tick: TimeAmount
    /// The seq of every device's first datagram.
    let firstSeq: UInt32

    /// Datagrams per second across the fleet, or `nil` for "as fast as possible".
    var datagramsPerSecond: Double? {
        fixesPerSecond.map { $0 / Double(fixesPerDatagram) }
    }

    /// New datagrams one tick may send at most.
    ///
    /// Paced runs may catch up by 20 ms of sending per tick after a hiccup, no more, so a stall
    /// does not turn into a burst that starves the ACK reads. Unpaced runs send this many per
    /// tick while the socket is writable.
    var maxDatagramsPerTick: Int {
        guard let rate = datagramsPerSecond else { return 512 }
        return max(1, min(8192, Int((rate * 0.02).rounded(.up))))
    }
}
