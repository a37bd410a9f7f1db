import MGISCore
import MGISProtocol
import MGISTrace
import NIOCore

/// MTP/1 for `DatagramIngestService`: every datagram is signed with its device's key, and every
/// ACK carries a status and is signed back.
struct MTPWire: DatagramWire {
    /// One MTP/1 ACK owed.
    struct Reply: Sendable {
        var device: UInt32
        var seq: UInt32
        var status: MTPAckStatus
        var authenticator: MTPAuthenticator
    }

    static var name: String { "MTP/1" }
    static var traceKind: TracePortKind { .mtp }
    /// Room for `MTPLayout.maximumLength` (1 221 bytes); a longer datagram is cut and refused.
    static var messageBufferBytes: Int { 2048 }
    /// No cap: at 2 KiB a message, the configured count keeps the buffer small.
    static var maxVectorReadCount: Int { .max }

    let metrics: IngestMetrics

    /// Structure first (no key needed), then the device, then the tag, then the records.
    /// The tag authenticates the sender wherever it is, so the source address plays no part.
    func classify(_ datagram: UnsafeRawBufferPointer, from _: SocketAddress, registry: DeviceRegistry) -> DatagramClassification<Reply> {
        do {
            let header = try MTPCodec.parseHeader(datagram)
            guard let entry = registry[header.device], let authenticator = entry.authenticator else {
                return .refused(reason: "unknown_device")
            }
            guard entry.enabled else { return .refused(reason: "disabled_device") }
            try MTPCodec.verifyTag(datagram, header: header, authenticator: authenticator)
            let fixes = try MTPCodec.decodeRecords(datagram, header: header)
            let reply = Reply(device: header.device, seq: header.seq, status: .stored, authenticator: authenticator)
            return .accepted(DecodedDatagram(device: entry.id, seq: header.seq, tag: header.tag, fixes: fixes, reply: reply))
        } catch {
            return .refused(reason: error.reason)
        }
    }

    /// A fix too far in the future: answered with status 2 (refused), and nothing is stored.
    func unacceptableReply(to datagram: DecodedDatagram<Reply>, nowMillis: Int64, maxFutureMillis: Int64) -> Reply? {
        guard datagram.fixes.contains(where: { $0.timeMillis > nowMillis + maxFutureMillis }) else { return nil }
        var reply = datagram.reply
        reply.status = .refused
        return reply
    }

    func duplicateReply(_ reply: Reply) -> Reply {
        var duplicate = reply
        duplicate.status = .duplicate
        return duplicate
    }

    func encode(_ reply: Reply) -> [UInt8] {
        MTPCodec.encodeAck(device: reply.device, seq: reply.seq, status: reply.status, authenticator: reply.authenticator)
    }
}
