import NIOCore

/// A datagram sent and not yet acknowledged, kept as the tracker keeps it in its buffer.
struct PendingDatagram {
    /// The exact bytes sent, re-sent unchanged on retransmission (PROTOCOL.md: byte-identical).
    let bytes: ByteBuffer
    /// Monotonic time of the first transmission: ACK latency is measured from here.
    let firstSentNanos: UInt64
    /// Retransmissions so far.
    var retransmits: Int
    /// Records it carries, to count acknowledged fixes.
    let fixCount: Int
}
