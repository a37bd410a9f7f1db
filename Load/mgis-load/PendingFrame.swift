import NIOCore

/// The TCP frame a simulated Teltonika tracker is trying to deliver: at most one per device, as
/// an FMB tracker sends its next frame only after the record count of the previous one.
struct PendingFrame {
    /// The exact frame bytes, re-sent unchanged on every new connection.
    let bytes: ByteBuffer
    /// Records it carries: the answer must be this count for the frame to count as stored.
    let fixCount: Int
    /// Monotonic time of the first write; `nil` until a connection was ready to take it. ACK
    /// latency is measured from here, so connecting and the handshake are not part of it.
    var firstSentNanos: UInt64?
    /// New connections made to re-send it so far.
    var retransmits = 0
    /// Written on the current connection, so the next 4-byte answer there is its record count.
    var awaitingAnswer = false
}
