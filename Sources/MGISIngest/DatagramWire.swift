import MGISCore
import MGISTrace
import NIOCore

/// The wire-specific half of a UDP ingest listener: how a datagram is decoded and authenticated,
/// which registry says whose it is, which answers it may get and how an answer is encoded.
///
/// Everything else is shared by MTP/1 and Teltonika UDP and lives in `DatagramIngestHandler`
/// (batching, duplicate window, overload guard) and `DatagramIngestService` (socket, commit loop,
/// ACKs after the commit, shutdown), the way NIO keeps protocol logic apart from I/O. A wire
/// carries its listener's metrics (their labels are per wire) but does no I/O and keeps no
/// state: its functions are pure, and the handler does the counting.
protocol DatagramWire: Sendable {
    /// The devices this wire accepts, swapped on the event loop whenever the store's list changes.
    associatedtype Registry: IngestRegistry
    /// One answer owed, before encoding; its address and commit dependency are kept by the batch.
    associatedtype Reply: Sendable
    /// The listener's counters and histograms.
    associatedtype Metrics: DatagramIngestMetrics

    /// The listener's name in log lines.
    static var name: String { get }
    /// How the recording tap labels this port's datagrams in a trace.
    static var traceKind: TracePortKind { get }
    /// Receive buffer per message of a vector read: room for the wire's largest datagram, so
    /// none is cut short.
    static var messageBufferBytes: Int { get }
    /// Messages per vector read at most, so that large messages keep the read buffer bounded.
    static var maxVectorReadCount: Int { get }

    var metrics: Metrics { get }

    /// Decodes and authenticates one datagram from `address` against `registry`. Runs on the
    /// event loop.
    func classify(_ datagram: UnsafeRawBufferPointer, from address: SocketAddress, registry: Registry) -> DatagramClassification<Reply>

    /// The answer for a datagram that decodes but must not be stored (a fix too far in the
    /// future, a position off the globe), or nil when it may be stored.
    func unacceptableReply(to datagram: DecodedDatagram<Reply>, nowMillis: Int64, maxFutureMillis: Int64) -> Reply?

    /// `reply` as it reads for a retransmission of data already stored.
    func duplicateReply(_ reply: Reply) -> Reply

    /// The ACK's bytes.
    func encode(_ reply: Reply) -> [UInt8]
}
