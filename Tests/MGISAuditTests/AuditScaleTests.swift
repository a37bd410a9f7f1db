import Foundation
import MGISAudit
import Testing

/// Opt-in measurement, not a timed assertion: `MGIS_AUDIT_SCALE=1000000 swift test --filter
/// AuditScaleTests` appends that many events and prints how long appending and verifying took.
@Suite struct AuditScaleTests {
    static let count = ProcessInfo.processInfo.environment["MGIS_AUDIT_SCALE"].flatMap(Int.init)

    @Test(.enabled(if: count != nil)) func testAppendAndVerifyAtScale() async throws {
        let total = Self.count ?? 0
        let log = try AuditTestLog()
        let clock = ContinuousClock()
        let appended = try await clock.measure {
            var start = 0
            while start < total {
                let end = min(total, start + 1000)
                _ = try await log.store.append((start..<end).map(AuditTestLog.event))
                if start % 100_000 == 0 { _ = try await log.store.checkpoint(signingKey: log.key) }
                start = end
            }
            _ = try await log.store.checkpoint(signingKey: log.key)
        }
        var report: AuditVerificationReport?
        let verified = try clock.measure { report = try log.verifier.verify() }
        #expect(report?.isValid == true && report?.entries == total)
        print("audit scale: \(total) events appended in \(appended), verified in \(verified): \(report.map { "\($0)" } ?? "")")
        try? FileManager.default.removeItem(atPath: log.directory)
    }
}
