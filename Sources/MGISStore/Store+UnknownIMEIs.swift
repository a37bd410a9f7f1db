import GRDB

/// Teltonika IMEIs that sent packets without being registered (or while disabled), so an
/// operator can see which trackers are misconfigured or need registering (`mgisctl device unknown`).
public struct UnknownIMEI: Hashable, Sendable {
    public var imei: String
    public var firstMillis: Int64
    public var lastMillis: Int64
    /// Packets received from it (refused, unanswered).
    public var packets: Int

    public init(imei: String, firstMillis: Int64, lastMillis: Int64, packets: Int) {
        self.imei = imei
        self.firstMillis = firstMillis
        self.lastMillis = lastMillis
        self.packets = packets
    }
}

extension Store {
    /// Unregistered IMEIs kept for the operator; older sightings beyond this are dropped.
    public static let maxUnknownIMEIs = 10_000

    /// Adds sightings of unregistered IMEIs: each entry's `packets` are added to the stored count,
    /// `firstMillis` kept from the first sighting, `lastMillis` raised. Not for the event loop.
    public func noteUnknownIMEIs(_ sightings: [UnknownIMEI]) async throws {
        guard !sightings.isEmpty else { return }
        try await pool.write { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO unknown_imeis (imei, first_ms, last_ms, packets) VALUES (?, ?, ?, ?)
                    ON CONFLICT (imei) DO UPDATE SET
                        first_ms = min(first_ms, excluded.first_ms),
                        last_ms = max(last_ms, excluded.last_ms),
                        packets = packets + excluded.packets
                    """
            )
            for sighting in sightings {
                try upsert.execute(arguments: [sighting.imei, sighting.firstMillis, sighting.lastMillis, Int64(sighting.packets)])
            }
            // Keep the list bounded (unauthenticated senders could invent IMEIs): the most recently
            // seen entries stay.
            try db.execute(
                sql: "DELETE FROM unknown_imeis WHERE imei NOT IN (SELECT imei FROM unknown_imeis ORDER BY last_ms DESC LIMIT ?)",
                arguments: [Self.maxUnknownIMEIs]
            )
        }
    }

    /// Every unregistered IMEI seen, most recently seen first.
    public func unknownIMEIs() throws -> [UnknownIMEI] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT imei, first_ms, last_ms, packets FROM unknown_imeis ORDER BY last_ms DESC, imei").map { row in
                UnknownIMEI(imei: row["imei"], firstMillis: row["first_ms"], lastMillis: row["last_ms"], packets: row["packets"])
            }
        }
    }
}
