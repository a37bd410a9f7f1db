import Foundation
import GRDB
import MGISCore

/// Moves datagrams from the append-only log into per-device chunks.
///
/// Runs in the store's one writer between ingest commits. Each step moves at most
/// `compactionStep` log rows in one transaction, so an ingest commit waits behind at most one
/// short step. A chunk never spans more than `maxChunkSpanMillis`, which lets a time-range
/// query use the (device, t0_ms) index with a bounded look-back.
enum Compaction {
    static let maxChunkSpanMillis: Int64 = 3_600_000

    /// Moves up to `limit` of the oldest log rows; returns how many were moved.
    static func step(_ db: Database, limit: Int) throws -> Int {
        var byDevice: [Int64: [ChunkEntry]] = [:]
        var lastID: Int64 = 0
        var moved = 0
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, device, seq, tag, recv_ms, records FROM datagram_log ORDER BY id LIMIT ?",
            arguments: [limit]
        )
        while let row = try rows.next() {
            lastID = row[0]
            moved += 1
            let seq = UInt32(truncatingIfNeeded: row[2] as Int64)
            let tag = UInt64(bitPattern: row[3] as Int64)
            let received: Int64 = row[4]
            for fix in StoredFixEncoding.decodeFixes(row[5]) {
                byDevice[row[1], default: []].append(ChunkEntry(fix: fix, receivedMillis: received, seq: seq, tag: tag))
            }
        }
        guard moved > 0 else { return 0 }
        let insert = try db.cachedStatement(sql: "INSERT INTO fix_chunks (device, t0_ms, t1_ms, n, data) VALUES (?, ?, ?, ?, ?)")
        var bytes: [UInt8] = []
        for (device, entries) in byDevice {
            let sorted = entries.sorted { ($0.fix.timeMillis, $0.receivedMillis) < ($1.fix.timeMillis, $1.receivedMillis) }
            var start = 0
            while start < sorted.count {
                let t0 = sorted[start].fix.timeMillis
                var end = start
                bytes.removeAll(keepingCapacity: true)
                while end < sorted.count, sorted[end].fix.timeMillis - t0 <= maxChunkSpanMillis {
                    StoredFixEncoding.appendChunkEntry(sorted[end], to: &bytes)
                    end += 1
                }
                try insert.execute(arguments: [device, t0, sorted[end - 1].fix.timeMillis, end - start, Data(bytes)])
                start = end
            }
        }
        try db.execute(sql: "DELETE FROM datagram_log WHERE id <= ?", arguments: [lastID])
        return moved
    }
}

extension Store {
    /// Rows waiting in the append log.
    public func logRowCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM datagram_log") ?? 0 }
    }

    /// One compaction step when the log holds more than the threshold (or `force`); returns rows moved.
    @discardableResult
    public func compactStep(force: Bool = false) async throws -> Int {
        let threshold = force ? 0 : configuration.compactionThreshold
        let step = configuration.compactionStep
        return try await pool.write { db in
            // max(id) - min(id) is an O(log n) estimate of the log's size, exact while ids are dense.
            let span = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM datagram_log")
            guard let low = span?[0] as Int64?, let high = span?[1] as Int64?, high - low + 1 > threshold else { return 0 }
            return try Compaction.step(db, limit: step)
        }
    }
}
