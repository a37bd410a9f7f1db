import MGISStore
import NIOCore

/// What an ingest handler gathered between two hand-offs to the commit loop: datagrams to store,
/// answers owed and sightings of unregistered IMEIs.
///
/// It carries whom to answer as well as what to store because every ACK in it, duplicates and
/// refusals included, is sent only after the batch's transaction has committed: a duplicate is
/// never acknowledged before the original it repeats is durable.
struct DatagramBatch<Reply: Sendable>: Sendable {
    /// One answer owed.
    struct OwedReply: Sendable {
        var address: SocketAddress
        var reply: Reply
        /// Index into `datagrams` when the answer depends on the write: a datagram the store finds
        /// already there (a store-checked retransmission) is answered as a duplicate.
        var datagramIndex: Int?
    }

    /// Distinct unregistered IMEIs noted per batch. The packets carry no authentication: a flood
    /// of made-up IMEIs must not turn every batch into a large write, so beyond this many per
    /// batch they are only counted.
    static var maxUnknownIMEIs: Int { 64 }

    var replies: [OwedReply] = []
    var datagrams: [StoredDatagram] = []
    /// Indices of `datagrams` the writer must look up before writing.
    var checkStored: Set<Int> = []
    /// Fixes in `datagrams`, for the batch-size limit.
    var fixCount = 0
    /// Unregistered IMEIs seen, with packet counts and times.
    var unknown: [String: UnknownIMEI] = [:]

    var isEmpty: Bool { replies.isEmpty && unknown.isEmpty }

    /// Appends a datagram to store and returns its index.
    mutating func append(_ datagram: StoredDatagram, checkStore: Bool) -> Int {
        let index = datagrams.count
        if checkStore { checkStored.insert(index) }
        datagrams.append(datagram)
        fixCount += datagram.fixes.count
        return index
    }

    /// Notes a packet from `imei`; returns false when it was only counted (the cap is reached).
    mutating func noteUnknown(_ imei: String, atMillis now: Int64) -> Bool {
        if var sighting = unknown[imei] {
            sighting.packets += 1
            sighting.lastMillis = max(sighting.lastMillis, now)
            unknown[imei] = sighting
        } else if unknown.count >= Self.maxUnknownIMEIs {
            return false
        } else {
            unknown[imei] = UnknownIMEI(imei: imei, firstMillis: now, lastMillis: now, packets: 1)
        }
        return true
    }
}
