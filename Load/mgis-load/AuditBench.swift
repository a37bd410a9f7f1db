import ArgumentParser
import Foundation
import MGISAudit

/// `mgis-load audit`: fills an audit trail with realistic API events (with a signed checkpoint
/// every 100,000), so `mgisctl audit verify` can be timed on a large log.
struct AuditBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Benchmark the audit trail: append N events to DATA/audit.sqlite, then time `mgisctl audit verify --data DATA`."
    )

    @Option(help: "Data directory (audit.sqlite and audit-signing.key are created there).") var data: String
    @Option(help: "Events to append.") var events: Int = 1_000_000
    @Option(help: "Events per transaction.") var batch: Int = 2_000

    func run() async throws {
        guard events > 0, batch > 0 else { throw ValidationError("counts must be positive") }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let store = try AuditStore(configuration: AuditStoreConfiguration(dataDirectory: data))
        let key = try AuditSigningKey.loadOrCreate(path: data + "/" + AuditSigningKey.fileName)
        let first = try store.count()
        let clock = ContinuousClock()
        let start = clock.now
        var written = 0
        while written < events {
            let count = min(batch, events - written)
            let slice = (0..<count).map { Self.event(first + written + $0) }
            _ = try await store.append(slice)
            written += count
            if written % 100_000 < batch {
                _ = try await store.checkpoint(signingKey: key)
                let seconds = Double((clock.now - start).components.seconds) + 1e-9
                FileHandle.standardError.write(Data("appended \(written) events, \(Int(Double(written) / seconds)) events/s\n".utf8))
            }
        }
        _ = try await store.checkpoint(signingKey: key)
        let elapsed = clock.now - start
        print("appended \(events) events in \(elapsed); the log now holds \(try store.count())")
    }

    static func event(_ n: Int) -> AuditEvent {
        AuditEvent(
            time: 1_764_000_000_000 + Int64(n) * 10, actor: "dispatcher\(n % 20)", actorID: Int64(n % 20 + 1), roles: ["dispatcher"],
            action: n % 4 == 0 ? .sensitiveRead : .apiRequest, method: "GET", route: "/api/v1/units/{id}/track",
            objectIDs: ["\(n % 500)"], query: ["from": "2026-11-29T08:00:00Z"], status: n % 50 == 0 ? 403 : 200,
            durationMillis: n % 13, clientAddress: "10.1.\(n % 200).\(n % 250)", outcome: n % 50 == 0 ? .denied : .ok, details: [:]
        )
    }
}
