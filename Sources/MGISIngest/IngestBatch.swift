import MGISCore
import MGISProtocol
import MGISStore
import NIOCore

/// The datagrams gathered on the event loop between two hand-offs to the store writer.
///
/// It carries both what to store and whom to answer: every ACK in it is sent only after the
/// batch's transaction has committed, including status 1 and 2 answers, so a duplicate is
/// never acknowledged before the original it repeats is durable.
public struct IngestBatch: Sendable {
    /// One answer owed.
    struct Reply: Sendable {
        var address: SocketAddress
        var device: UInt32
        var seq: UInt32
        var tag: UInt64
        var status: MTPAckStatus
        var authenticator: MTPAuthenticator
        /// Index into `datagrams` for replies that depend on the write (status 0, or a
        /// store-checked datagram that may turn out to be a duplicate).
        var datagramIndex: Int?
    }

    var replies: [Reply] = []
    var datagrams: [StoredDatagram] = []
    /// Indices of `datagrams` the writer must look up before writing.
    var checkStored: Set<Int> = []
    /// Fixes in `datagrams`, for the batch-size limit.
    var fixCount = 0

    var isEmpty: Bool { replies.isEmpty }
}
