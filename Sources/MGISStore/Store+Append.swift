import Foundation
import GRDB
import MGISCore

extension Store {
    /// Appends datagrams to the log in one transaction; returns once it is durably committed
    /// (fsync'd under `synchronous=FULL`).
    ///
    /// Datagrams whose `needsStoredCheck` is set are first looked up in the store and skipped
    /// when already there (a retransmission older than the in-memory duplicate window).
    /// - Returns: for each datagram, whether it was written (`false`: found already stored).
    public func append(_ datagrams: [StoredDatagram], checkStored: Set<Int> = []) async throws -> [Bool] {
        try await pool.write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO datagram_log (device, seq, tag, recv_ms, records) VALUES (?, ?, ?, ?, ?)"
            )
            var written = [Bool](repeating: true, count: datagrams.count)
            var bytes: [UInt8] = []
            for (index, datagram) in datagrams.enumerated() {
                if checkStored.contains(index), try Self.isStored(db, datagram) {
                    written[index] = false
                    continue
                }
                bytes.removeAll(keepingCapacity: true)
                for fix in datagram.fixes {
                    StoredFixEncoding.append(fix, to: &bytes)
                }
                try insert.execute(arguments: [
                    Int64(datagram.device.rawValue), Int64(datagram.seq), Int64(bitPattern: datagram.tag),
                    datagram.receivedMillis, Data(bytes),
                ])
            }
            return written
        }
    }

    /// Whether the same datagram (device, seq, tag) is stored, in the log or in a chunk covering
    /// its first fix's time.
    static func isStored(_ db: Database, _ datagram: StoredDatagram) throws -> Bool {
        let device = Int64(datagram.device.rawValue)
        if try Bool.fetchOne(
            db, sql: "SELECT 1 FROM datagram_log WHERE device = ? AND seq = ? AND tag = ? LIMIT 1",
            arguments: [device, Int64(datagram.seq), Int64(bitPattern: datagram.tag)]
        ) == true {
            return true
        }
        guard let first = datagram.fixes.first else { return false }
        let chunks = try Data.fetchAll(
            db,
            sql: "SELECT data FROM fix_chunks WHERE device = ? AND t0_ms BETWEEN ? AND ? AND t1_ms >= ?",
            arguments: [device, first.timeMillis - Compaction.maxChunkSpanMillis, first.timeMillis, first.timeMillis]
        )
        return chunks.contains { data in
            StoredFixEncoding.decodeChunk(data).contains { $0.seq == datagram.seq && $0.tag == datagram.tag }
        }
    }
}
