import MGISCore
import MGISStore
import NIOCore

/// Every decision of a UDP ingest listener about the datagrams it receives, as a value type:
/// what to do with each datagram, and when the batch goes to the writer.
///
/// `DatagramIngestHandler` owns one on its event loop and carries out its actions (counting,
/// the flush timer, handing batches over); the machine itself does no I/O, reads no clock and
/// touches no socket, so every rule of the ingest path is tested by feeding it bytes.
struct DatagramIngestStateMachine<Wire: DatagramWire> {
    typealias Batch = DatagramBatch<Wire.Reply>

    /// Limits of one batch and the guards of the ingest path.
    struct Configuration: Sendable {
        /// A batch is handed to the writer once it holds this many fixes or replies...
        var maxBatchFixes: Int
        /// ... or this long after its first datagram arrived (the handler's timer).
        var maxBatchDelay: TimeAmount
        /// Batches waiting for the writer beyond which new datagrams are dropped unanswered
        /// (the tracker retransmits), so memory stays bounded when the disk falls behind.
        var maxPendingBatches: Int
        /// A fix further than this in the future makes the datagram unacceptable.
        var maxFutureMillis: Int64
    }

    /// What became of one datagram.
    enum Action: Equatable {
        /// No answer, ever: malformed, unauthenticated, unknown or disabled device, overload.
        /// `reason` is the label of the listener's refusal counter.
        case drop(reason: String)
        /// No answer for now: a retransmission of a datagram whose commit is still under way.
        /// If that commit fails, an ACK would tell the tracker to drop data never stored.
        case hold
        /// Answered with the batch, nothing stored: `.duplicate` (already stored),
        /// `.unacceptable` (a fix too far in the future, off the globe) or `.heartbeat` (no fixes).
        case answer(Answer)
        /// Stored with the batch, then answered once the commit is durable.
        case append
    }

    enum Answer: Equatable {
        case duplicate
        case unacceptable
        case heartbeat
    }

    /// When the current batch goes to the writer.
    enum Flush: Equatable {
        /// Nothing to do (the batch is empty, or its timer already runs).
        case none
        /// The batch just got its first entry: start the `maxBatchDelay` timer.
        case startTimer
        /// The batch is full: hand it over now (`takeBatch()`).
        case now
    }

    struct Decision: Equatable {
        var action: Action
        var flush: Flush
    }

    let wire: Wire
    let configuration: Configuration
    private(set) var registry: Wire.Registry
    private var window: DuplicateWindow
    private var batch = Batch()
    private var pending = PendingDatagrams()

    init(wire: Wire, configuration: Configuration, registry: Wire.Registry, window: DuplicateWindow) {
        self.wire = wire
        self.configuration = configuration
        self.registry = registry
        self.window = window
    }

    /// Decides about one datagram received from `address`.
    /// - Parameters:
    ///   - batchesInFlight: batches handed to the writer and not yet committed.
    ///   - nowMillis: the wall clock, for receive times and the future-fix guard; read only for a
    ///     datagram that gets that far, so a flood of refused ones costs no clock reads.
    mutating func receive(
        _ bytes: UnsafeRawBufferPointer, from address: SocketAddress, batchesInFlight: Int, nowMillis: () -> Int64
    ) -> Decision {
        if batchesInFlight >= configuration.maxPendingBatches {
            return Decision(action: .drop(reason: "overload"), flush: .none)
        }
        switch wire.classify(bytes, from: address, registry: registry) {
        case .accepted(let datagram):
            return admit(datagram, from: address, nowMillis: nowMillis())
        case .refused(let reason):
            return Decision(action: .drop(reason: reason), flush: .none)
        case .unregistered(let reason, let imei):
            let wasEmpty = batch.isEmpty
            let noted = batch.noteUnknown(imei, atMillis: nowMillis())
            return Decision(action: .drop(reason: reason), flush: noted && wasEmpty ? .startTimer : .none)
        }
    }

    /// The batch gathered so far, emptied; nil when there is nothing to hand over.
    mutating func takeBatch() -> Batch? {
        guard !batch.isEmpty else { return nil }
        defer { batch = Batch() }
        return batch
    }

    /// Replaces the registry (devices added, disabled or re-keyed while running).
    mutating func updateRegistry(_ registry: Wire.Registry) {
        self.registry = registry
    }

    /// A batch's commit failed: forget its datagrams, so that their retransmissions are stored.
    mutating func failed(_ batch: Batch) {
        for datagram in batch.datagrams {
            window.forget(device: datagram.device.rawValue, seq: datagram.seq, tag: datagram.tag)
        }
        pending.remove(batch.datagrams)
    }

    /// A batch is durably committed: retransmissions of its datagrams are now plain duplicates.
    mutating func committed(_ batch: Batch) {
        pending.remove(batch.datagrams)
    }

    /// The wire's acceptance rule first, then the duplicate window, then the batch.
    private mutating func admit(_ datagram: DecodedDatagram<Wire.Reply>, from address: SocketAddress, nowMillis: Int64) -> Decision {
        var owed = Batch.OwedReply(address: address, reply: datagram.reply, datagramIndex: nil)
        let action: Action
        if let refusal = wire.unacceptableReply(to: datagram, nowMillis: nowMillis, maxFutureMillis: configuration.maxFutureMillis) {
            owed.reply = refusal
            action = .answer(.unacceptable)
        } else {
            let (device, seq, tag) = (datagram.device.rawValue, datagram.seq, datagram.tag)
            let verdict = window.admit(device: device, seq: seq, tag: tag)
            if verdict == .duplicate, pending.contains(device: device, seq: seq, tag: tag) {
                return Decision(action: .hold, flush: .none)
            } else if verdict == .duplicate {
                owed.reply = wire.duplicateReply(datagram.reply)
                action = .answer(.duplicate)
            } else if datagram.fixes.isEmpty {
                // A heartbeat stores nothing and is answered with the batch.
                action = .answer(.heartbeat)
            } else {
                pending.insert(device: device, seq: seq, tag: tag)
                let stored = StoredDatagram(device: datagram.device, seq: seq, tag: tag, receivedMillis: nowMillis, fixes: datagram.fixes)
                owed.datagramIndex = batch.append(stored, checkStore: verdict == .checkStore)
                action = .append
            }
        }
        let wasEmpty = batch.isEmpty
        batch.replies.append(owed)
        let full = batch.fixCount >= configuration.maxBatchFixes || batch.replies.count >= configuration.maxBatchFixes
        return Decision(action: action, flush: full ? .now : (wasEmpty ? .startTimer : .none))
    }
}
