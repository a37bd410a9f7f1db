import CoreMetrics
import Logging
import MGISCore
import MGISLive
import MGISStore
import NIOCore

/// One step of a UDP listener's commit loop: commits a batch, tells the handler how it went,
/// updates the live state, and only then writes the batch's ACKs back on the event loop.
///
/// A batch whose commit fails gets no ACK at all: the trackers keep their data and retransmit,
/// and the handler forgets the batch's datagrams so that the retransmissions are stored.
struct DatagramBatchCommitter<Wire: DatagramWire>: Sendable {
    typealias Handler = DatagramIngestHandler<Wire>

    let wire: Wire
    let store: Store
    let live: LiveState
    let logger: Logger
    /// The listening socket: where ACKs go, and whose event loop the handler lives on.
    let channel: any Channel

    func commit(_ batch: DatagramBatch<Wire.Reply>) async {
        await noteUnknownIMEIs(of: batch)
        var written: [Bool] = []
        if !batch.datagrams.isEmpty {
            guard let stored = await write(batch) else { return }
            written = stored
        }
        send(batch.replies, written: written)
    }

    /// Best effort: the sightings only help an operator register trackers.
    private func noteUnknownIMEIs(of batch: DatagramBatch<Wire.Reply>) async {
        guard !batch.unknown.isEmpty else { return }
        do {
            try await store.noteUnknownIMEIs(Array(batch.unknown.values))
        } catch {
            logger.warning("could not record unknown IMEIs", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
        }
    }

    /// Writes the batch's datagrams; returns which were new, or nil when the commit failed.
    private func write(_ batch: DatagramBatch<Wire.Reply>) async -> [Bool]? {
        let start = ContinuousClock.now
        let written: [Bool]
        do {
            written = try await store.append(batch.datagrams, checkStored: batch.checkStored)
        } catch {
            wire.metrics.commitFailures.increment()
            logger.error(
                "\(Wire.name) commit failed; batch not acknowledged",
                metadata: ["error.type": "\(type(of: error))", "error": "\(error)"]
            )
            Handler.execute(on: channel) { $0.forget(batch) }
            return nil
        }
        wire.metrics.recordCommit(datagrams: batch.datagrams.count, duration: ContinuousClock.now - start)
        Handler.execute(on: channel) { $0.committed(batch) }
        var fixes: [DeviceFix] = []
        for (datagram, wasWritten) in zip(batch.datagrams, written) where wasWritten {
            wire.metrics.committedFixes.increment(by: datagram.fixes.count)
            datagram.appendDeviceFixes(to: &fixes)
        }
        live.apply(fixes)
        return written
    }

    /// Encodes the ACKs and writes them on the event loop in one flush.
    private func send(_ replies: [DatagramBatch<Wire.Reply>.OwedReply], written: [Bool]) {
        guard !replies.isEmpty else { return }
        var acks: [AddressedEnvelope<ByteBuffer>] = []
        acks.reserveCapacity(replies.count)
        for owed in replies {
            var reply = owed.reply
            // Found already stored by the writer's check: a retransmission after all.
            if let index = owed.datagramIndex, !written[index] {
                reply = wire.duplicateReply(reply)
                wire.metrics.duplicates.increment()
            }
            let bytes = wire.encode(reply)
            acks.append(AddressedEnvelope(remoteAddress: owed.address, data: channel.allocator.buffer(bytes: bytes)))
        }
        let ready = acks
        let channel = self.channel
        channel.eventLoop.execute {
            for ack in ready {
                channel.write(ack, promise: nil)
            }
            channel.flush()
        }
    }
}
