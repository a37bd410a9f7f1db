import NIOCore

/// A datagram sent and not yet acknowledged, kept as the tracker keeps it in its buffer.
struct PendingDatagram {
    /// The engine's full seq of the datagram; its reply may name only part of it (Teltonika).
    let seq: UInt32
    /// The exact bytes sent, re-sent unchanged on retransmission (PROTOCOL.md: byte-identical).
    let bytes: ByteBuffer
    /// Monotonic time of the first transmission: ACK latency is measured from here.
    let firstSentNanos: UInt64
    /// Retransmissions so far.
    var retransmits: Int
    /// Records it carries, to count acknowledged fixes.
    let fixCount: Int
}
