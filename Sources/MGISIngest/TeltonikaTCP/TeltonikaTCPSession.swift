import CoreMetrics
import MGISCore
import MGISProtocol
import NIOCore
import Synchronization

/// One tracker's TCP conversation, as the manufacturer documents it: the IMEI handshake
/// (answered 0x01 when registered and enabled, 0x00 otherwise, then closed), then AVL frames,
/// each answered with the 4-byte count of accepted records once they are durably stored.
///
/// The tracker sends its next frame only after the answer, so frames of one connection are
/// handled one at a time; many connections wait on the shared writer together.
struct TeltonikaTCPSession {
    let registry: @Sendable (String) -> TeltonikaRegistry.Entry?
    let writer: TeltonikaTCPWriter
    let metrics: TeltonikaTCPMetrics
    let maxFutureMillis: Int64
    let nowMillis: @Sendable () -> Int64

    /// Runs the conversation of a connection from `address`.
    func run(
        _ inbound: NIOAsyncChannelInboundStream<TeltonikaTCPMessage>,
        _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        from address: SocketAddress?
    ) async throws {
        var messages = inbound.makeAsyncIterator()
        guard case .imei(let imei)? = try await messages.next() else { return }
        guard let entry = registry(imei), entry.enabled else {
            if registry(imei) == nil {
                metrics.refuse("unknown_imei")
                writer.noteUnknown(imei, atMillis: nowMillis())
            } else {
                metrics.refuse("disabled_imei")
            }
            try await outbound.write(ByteBuffer(bytes: TeltonikaLayout.imeiRefused))
            return
        }
        // The IMEI is the only credential: a tracker with allowed networks speaks only from those.
        guard entry.admits(address) else {
            metrics.refuse("network")
            try await outbound.write(ByteBuffer(bytes: TeltonikaLayout.imeiRefused))
            return
        }
        metrics.accepted.increment()
        try await outbound.write(ByteBuffer(bytes: TeltonikaLayout.imeiAccepted))

        while let message = try await messages.next() {
            switch message {
            case .imei:
                return
            case .refused(let error):
                metrics.refuse(error.reason)
            case .frame(let avl, let tag):
                metrics.frames.increment()
                // A device disabled while connected is cut off at its next frame.
                guard let current = registry(imei), current.enabled, current.id == entry.id else {
                    metrics.refuse("disabled_imei")
                    return
                }
                let accepted = try await store(avl, tag: tag, device: entry.id)
                try await outbound.write(ByteBuffer(bytes: TeltonikaCodec.encodeTCPRecordCount(accepted)))
            }
        }
    }

    /// Stores a frame's records and returns the count to answer with.
    private func store(_ avl: TeltonikaAVLData, tag: UInt64, device: DeviceID) async throws -> UInt32 {
        let fixes = avl.records.map(\.fix)
        let now = nowMillis()
        guard TeltonikaAcceptance.isAcceptable(fixes, nowMillis: now, maxFutureMillis: maxFutureMillis) else {
            metrics.unacceptable.increment()
            return 0
        }
        // TCP frames carry no packet id: the first record's time in seconds stands in as the seq,
        // which grows with the tracker's queue and so keeps the duplicate window's order.
        let seq = UInt32(truncatingIfNeeded: (fixes.first?.timeMillis ?? 0) / 1000)
        _ = try await writer.submit(device: device, seq: seq, tag: tag, receivedMillis: now, fixes: fixes)
        return UInt32(fixes.count)
    }
}
