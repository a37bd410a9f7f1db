import Synchronization

/// Slows repeated failed logins: after 3 failures for one name (or from one address) each further
/// attempt waits 2^(failures-3) seconds, up to 60 s, until a success or 15 quiet minutes.
final class LoginThrottle: Sendable {
    private struct Record {
        var failures: Int
        var lastMillis: Int64
    }

    private let records = Mutex<[String: Record]>([:])
    private let forgetMillis: Int64 = 15 * 60 * 1000

    /// How long to wait before checking this attempt's password, in milliseconds.
    func delay(keys: [String], nowMillis: Int64) -> Int64 {
        records.withLock { records in
            keys.compactMap { key -> Int64? in
                guard let record = records[key], nowMillis - record.lastMillis < forgetMillis, record.failures >= 3 else { return nil }
                return min(60_000, 1000 << min(record.failures - 3, 6))
            }.max() ?? 0
        }
    }

    func failed(keys: [String], nowMillis: Int64) {
        records.withLock { records in
            if records.count > 100_000 { records.removeAll() }
            for key in keys {
                var record = records[key] ?? Record(failures: 0, lastMillis: nowMillis)
                if nowMillis - record.lastMillis >= forgetMillis { record.failures = 0 }
                record.failures += 1
                record.lastMillis = nowMillis
                records[key] = record
            }
        }
    }

    func succeeded(keys: [String]) {
        records.withLock { records in
            for key in keys { records[key] = nil }
        }
    }
}
