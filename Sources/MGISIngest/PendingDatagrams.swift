import MGISCore
import MGISStore

/// Datagrams admitted into a batch whose commit has not finished yet.
///
/// A retransmission of one of these must not be acknowledged as a duplicate: if the original's
/// commit then failed, the tracker would drop data that was never stored. Such a retransmission
/// gets no reply at all; the tracker sends it again, and by then the original is either committed
/// (the answer is "duplicate") or forgotten (it is stored anew).
struct PendingDatagrams {
    struct Key: Hashable {
        var device: UInt32
        var seq: UInt32
        var tag: UInt64
    }

    private var keys: Set<Key> = []

    func contains(device: UInt32, seq: UInt32, tag: UInt64) -> Bool {
        keys.contains(Key(device: device, seq: seq, tag: tag))
    }

    mutating func insert(device: UInt32, seq: UInt32, tag: UInt64) {
        keys.insert(Key(device: device, seq: seq, tag: tag))
    }

    /// The batch is settled (committed or failed): its datagrams are no longer pending.
    mutating func remove(_ datagrams: some Sequence<MGISStore.StoredDatagram>) {
        for datagram in datagrams {
            keys.remove(Key(device: datagram.device.rawValue, seq: datagram.seq, tag: datagram.tag))
        }
    }
}
