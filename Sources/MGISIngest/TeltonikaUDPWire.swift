import Crypto
import MGISCore
import MGISProtocol
import MGISTrace
import NIOCore

/// Teltonika Codec 8 / 8E over UDP for `DatagramIngestService`.
///
/// Packets carry no authentication: a device is known by its IMEI, and an unregistered IMEI is
/// noted for `mgisctl device unknown`. The ACK carries no status, only a count of accepted
/// records, so a packet that must not be stored is answered with 0 (the tracker keeps its
/// records and resends them later), and a retransmission with its record count, as first.
///
/// Duplicates: the AVL packet id is the sequence number and the first 8 bytes of the SHA-256 of
/// the AVL data the tag, in the same kind of `DuplicateWindow` as MTP/1 (keyed by device id).
struct TeltonikaUDPWire: DatagramWire {
    /// One Teltonika UDP ACK owed.
    struct Reply: Sendable {
        var packetID: UInt16
        var avlPacketID: UInt8
        /// Records the ACK reports: the packet's record count, or 0 when it was not stored.
        var acceptedRecords: UInt8
    }

    static var name: String { "Teltonika UDP" }
    static var traceKind: TracePortKind { .teltonikaUDP }
    /// A datagram may be as large as `TeltonikaLayout.maxUDPDatagramLength` (65 507 bytes).
    static var messageBufferBytes: Int { 65_536 }
    /// Bounds the read buffer to 1 MiB despite the 64 KiB messages.
    static var maxVectorReadCount: Int { 16 }

    let metrics: TeltonikaMetrics

    /// The whole packet first (no registry needed), then its IMEI, then where it came from: a
    /// tracker with allowed networks speaks only from those (refused as `network`).
    func classify(_ datagram: UnsafeRawBufferPointer, from address: SocketAddress, registry: TeltonikaRegistry) -> DatagramClassification<Reply> {
        let packet: TeltonikaUDPPacket
        do {
            packet = try TeltonikaCodec.decodeUDP(datagram)
        } catch {
            return .refused(reason: error.reason)
        }
        guard let entry = registry[packet.imei] else {
            return .unregistered(reason: "unknown_imei", imei: packet.imei)
        }
        guard entry.enabled else { return .refused(reason: "disabled_imei") }
        guard entry.admits(address) else { return .refused(reason: "network") }
        let records = packet.avl.records
        let reply = Reply(packetID: packet.packetID, avlPacketID: packet.avlPacketID, acceptedRecords: UInt8(records.count))
        return .accepted(
            DecodedDatagram(
                device: entry.id, seq: UInt32(packet.avlPacketID), tag: Self.tag(datagram),
                fixes: records.map(\.fix), reply: reply
            )
        )
    }

    func unacceptableReply(to datagram: DecodedDatagram<Reply>, nowMillis: Int64, maxFutureMillis: Int64) -> Reply? {
        guard !TeltonikaAcceptance.isAcceptable(datagram.fixes, nowMillis: nowMillis, maxFutureMillis: maxFutureMillis) else {
            return nil
        }
        var reply = datagram.reply
        reply.acceptedRecords = 0
        return reply
    }

    /// Unchanged: the tracker only needs to hear that its records are safe.
    func duplicateReply(_ reply: Reply) -> Reply {
        reply
    }

    func encode(_ reply: Reply) -> [UInt8] {
        TeltonikaCodec.encodeUDPAck(packetID: reply.packetID, avlPacketID: reply.avlPacketID, acceptedRecords: reply.acceptedRecords)
    }

    /// First 8 bytes, big-endian, of the SHA-256 of the AVL data (everything after the IMEI).
    private static func tag(_ datagram: UnsafeRawBufferPointer) -> UInt64 {
        let start = TeltonikaLayout.udpHeaderLength + TeltonikaLayout.imeiLength
        var hasher = SHA256()
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: datagram[start...]))
        let digest = hasher.finalize()
        return digest.withUnsafeBytes { digestBytes in
            digestBytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
    }
}
