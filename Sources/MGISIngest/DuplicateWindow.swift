public import MGISStore

/// Remembers the most recent datagrams of every device, to tell retransmissions from new data.
///
/// A value-type state machine: the ingest handler owns one and asks it about each datagram.
/// Per device it keeps the last `capacity` (seq, tag) pairs. A seq seen with the same tag is a
/// retransmission; with another tag it is new data after a seq reset (PROTOCOL.md). A seq not
/// in the window but at or below the highest seq the window has forgotten may still be in the
/// store, so the verdict is "check the store", which the writer does in its transaction.
public struct DuplicateWindow: Sendable {
    /// The verdict on one datagram.
    public enum Verdict: Equatable, Sendable {
        case new
        case duplicate
        /// Older than the window: the store decides.
        case checkStore
    }

    private struct DeviceWindow: Sendable {
        var tags: [UInt32: UInt64] = [:]
        /// Insertion order, for eviction.
        var order: [UInt32] = []
        var head = 0
        /// The highest seq ever evicted (or seeded from the store); nil while nothing was, so
        /// that seq 0 is not mistaken for one older than the window. (A Teltonika AVL packet id
        /// reaching 0 for the first time on 1,000 devices at once used to send each of them to
        /// the store, holding every commit for ~40 ms.)
        var evictedMax: UInt32?
    }

    public let capacity: Int
    private var devices: [UInt32: DeviceWindow] = [:]

    /// - Parameter capacity: datagrams remembered per device.
    public init(capacity: Int = 1024) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Classifies a datagram and, unless it is a duplicate, remembers it.
    public mutating func admit(device: UInt32, seq: UInt32, tag: UInt64) -> Verdict {
        var window = devices.removeValue(forKey: device) ?? DeviceWindow()
        defer { devices[device] = window }
        if let known = window.tags[seq] {
            if known == tag { return .duplicate }
            window.tags[seq] = tag
            return .new
        }
        let verdict: Verdict = window.evictedMax.map { seq <= $0 } == true ? .checkStore : .new
        remember(seq: seq, tag: tag, in: &window)
        return verdict
    }

    /// Forgets a datagram whose commit failed, so that its retransmission is stored.
    public mutating func forget(device: UInt32, seq: UInt32, tag: UInt64) {
        guard devices[device]?.tags[seq] == tag else { return }
        devices[device]?.tags[seq] = nil
    }

    /// Seeds the window from what the store holds (at start-up).
    ///
    /// Everything at or below the highest seq seen counts as possibly stored: a seq missing from
    /// the seed may sit in an older chunk (a datagram that arrived late), so it is looked up in the
    /// store rather than assumed new.
    public mutating func seed(device: UInt32, with seen: [SeenDatagram]) {
        var window = devices[device] ?? DeviceWindow()
        for datagram in seen.sorted(by: { $0.seq < $1.seq }) {
            remember(seq: datagram.seq, tag: datagram.tag, in: &window)
        }
        if let highest = seen.map(\.seq).max() {
            window.evictedMax = max(window.evictedMax ?? 0, highest)
        }
        devices[device] = window
    }

    private func remember(seq: UInt32, tag: UInt64, in window: inout DeviceWindow) {
        if window.order.count < capacity {
            window.order.append(seq)
        } else {
            let evicted = window.order[window.head]
            if window.tags.removeValue(forKey: evicted) != nil {
                window.evictedMax = max(window.evictedMax ?? 0, evicted)
            }
            window.order[window.head] = seq
            window.head = (window.head + 1) % capacity
        }
        window.tags[seq] = tag
    }
}
