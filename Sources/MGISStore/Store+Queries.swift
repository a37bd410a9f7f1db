import Foundation
import GRDB
public import MGISCore

/// A stored fix with the datagram it arrived in.
public struct StoredFix: Hashable, Sendable {
    public var device: DeviceID
    public var fix: Fix
    public var receivedMillis: Int64
    public var seq: UInt32
    public var tag: UInt64
}

/// A datagram remembered for duplicate detection.
public struct SeenDatagram: Hashable, Sendable {
    public var seq: UInt32
    public var tag: UInt64

    public init(seq: UInt32, tag: UInt64) {
        self.seq = seq
        self.tag = tag
    }
}

extension Store {
    /// The fixes of one device with fix time in `from ... to` (milliseconds), oldest first.
    ///
    /// Reads the chunks whose start lies in `from - maxChunkSpan ... to` through the
    /// (device, t0_ms) index, plus the device's rows still in the append log.
    ///
    /// With a `limit`, at most the `limit` oldest fixes are returned, and reading stops at the
    /// first chunk that starts after all of `limit` fixes already read: memory stays bounded by
    /// the limit, one chunk and the append log (itself bounded by compaction), however long the
    /// device's history. A result of exactly `limit` fixes may have more after it.
    public func fixes(device: DeviceID, from: Int64 = .min, to: Int64 = .max, limit: Int = .max) throws -> [StoredFix] {
        try pool.read { db in try Self.fixes(db, device: device, from: from, to: to, limit: limit) }
    }

    static func fixes(_ db: Database, device: DeviceID, from: Int64, to: Int64, limit: Int = .max) throws -> [StoredFix] {
        let id = Int64(device.rawValue)
        let (lookBack, overflow) = from.subtractingReportingOverflow(Compaction.maxChunkSpanMillis)
        let firstChunkStart = overflow ? Int64.min : lookBack
        var out: [StoredFix] = []
        var latest = Int64.min
        let chunks = try Row.fetchCursor(
            db, sql: "SELECT t0_ms, data FROM fix_chunks WHERE device = ? AND t0_ms BETWEEN ? AND ? AND t1_ms >= ? ORDER BY t0_ms",
            arguments: [id, firstChunkStart, to, from]
        )
        while let row = try chunks.next() {
            // Chunks come by start time: once `limit` fixes are in hand and this chunk starts after
            // all of them, neither it nor any later chunk holds one of the `limit` oldest.
            if out.count >= limit, (row[0] as Int64) > latest { break }
            for entry in StoredFixEncoding.decodeChunk(row[1]) where (from...to).contains(entry.fix.timeMillis) {
                out.append(StoredFix(device: device, fix: entry.fix, receivedMillis: entry.receivedMillis, seq: entry.seq, tag: entry.tag))
                latest = max(latest, entry.fix.timeMillis)
            }
        }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, tag, recv_ms, records FROM datagram_log WHERE device = ? ORDER BY id", arguments: [id]
        )
        while let row = try rows.next() {
            let seq = UInt32(truncatingIfNeeded: row[0] as Int64)
            let tag = UInt64(bitPattern: row[1] as Int64)
            for fix in StoredFixEncoding.decodeFixes(row[3]) where (from...to).contains(fix.timeMillis) {
                out.append(StoredFix(device: device, fix: fix, receivedMillis: row[2], seq: seq, tag: tag))
            }
        }
        out.sort { ($0.fix.timeMillis, $0.receivedMillis) < ($1.fix.timeMillis, $1.receivedMillis) }
        if out.count > limit { out.removeSubrange(limit...) }
        return out
    }

    /// What start-up needs to restore in-memory state without scanning history: the newest fix of
    /// every device and the datagrams each device sent most recently.
    public struct RecentState: Sendable {
        public var latest: [DeviceID: StoredFix] = [:]
        public var seen: [DeviceID: [SeenDatagram]] = [:]
    }

    /// Reads the newest two chunks of every device through the index, and the append log
    /// (bounded by the compaction threshold).
    public func recentState() throws -> RecentState {
        try pool.read { db in
            var state = RecentState()
            let deviceIDs = try Int64.fetchAll(db, sql: "SELECT id FROM devices")
            let newestChunks = try db.cachedStatement(
                sql: "SELECT data FROM fix_chunks WHERE device = ? ORDER BY t0_ms DESC LIMIT 2"
            )
            for raw in deviceIDs {
                let device = DeviceID(unchecked: UInt32(truncatingIfNeeded: raw))
                for data in try Data.fetchAll(newestChunks, arguments: [raw]) {
                    for entry in StoredFixEncoding.decodeChunk(data) {
                        state.note(StoredFix(device: device, fix: entry.fix, receivedMillis: entry.receivedMillis, seq: entry.seq, tag: entry.tag))
                    }
                }
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT device, seq, tag, recv_ms, records FROM datagram_log ORDER BY id")
            while let row = try rows.next() {
                let device = DeviceID(unchecked: UInt32(truncatingIfNeeded: row[0] as Int64))
                let seq = UInt32(truncatingIfNeeded: row[1] as Int64)
                let tag = UInt64(bitPattern: row[2] as Int64)
                for fix in StoredFixEncoding.decodeFixes(row[4]) {
                    state.note(StoredFix(device: device, fix: fix, receivedMillis: row[3], seq: seq, tag: tag))
                }
            }
            return state
        }
    }
}

extension Store.RecentState {
    mutating func note(_ stored: StoredFix) {
        if let current = latest[stored.device], current.fix.timeMillis >= stored.fix.timeMillis {
            // keep the newer fix
        } else {
            latest[stored.device] = stored
        }
        let seenDatagram = SeenDatagram(seq: stored.seq, tag: stored.tag)
        if seen[stored.device]?.last != seenDatagram {
            seen[stored.device, default: []].append(seenDatagram)
        }
    }
}
