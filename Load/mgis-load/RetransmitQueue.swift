/// When each pending datagram is next due for retransmission, in deadline order.
///
/// Every datagram waits the same interval, so deadlines are appended in time order and a FIFO
/// suffices: each tick pops only the due heads instead of scanning every pending datagram,
/// which matters when tens of thousands are outstanding against a dead server. Entries of
/// datagrams ACKed meanwhile stay until their deadline and are skipped then.
struct RetransmitQueue {
    struct Entry {
        /// Index of the device's slot in the engine.
        let slot: Int32
        let seq: UInt32
        let deadlineNanos: UInt64
    }

    private var storage: [Entry] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }

    /// The earliest entry, if any.
    var first: Entry? { head < storage.count ? storage[head] : nil }

    mutating func append(_ entry: Entry) {
        storage.append(entry)
    }

    /// Drops the earliest entry; call only when `first` is not `nil`.
    mutating func removeFirst() {
        head += 1
        // Compact once the consumed prefix is most of the array: amortised O(1), and the
        // array's capacity is kept for reuse.
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 4096, head * 2 >= storage.count {
            storage.removeSubrange(0..<head)
            head = 0
        }
    }
}
