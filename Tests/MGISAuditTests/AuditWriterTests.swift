import Foundation
import GRDB
import Logging
import MGISAudit
import ServiceLifecycle
import Synchronization
import Testing

@Suite struct AuditWriterTests {
    static let logger = Logger(label: "audit-test")

    /// Runs `writer` as a service for the duration of `body`, then shuts it down gracefully.
    /// Waits until `condition` holds, for at most 10 s (generous for loaded CI machines).
    static func eventually(_ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while try !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within 10 s")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @discardableResult
    static func running<T: Sendable>(_ writer: AuditWriter, _ body: @Sendable () async throws -> T) async throws -> T {
        let group = ServiceGroup(configuration: .init(services: [writer], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let result = try await body()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    @Test func testConcurrentRecordsCommitInArrivalOrderAsOneTree() async throws {
        let log = try AuditTestLog()
        let writer = AuditWriter(store: log.store, signingKey: log.key, logger: Self.logger)
        let receipts = try await Self.running(writer) {
            try await withThrowingTaskGroup(of: (Int, AuditReceipt).self) { group in
                for n in 0..<200 {
                    group.addTask { (n, try await writer.record(AuditTestLog.event(n))) }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
        }
        #expect(Set(receipts.values.map(\.index)) == Set(0..<200))
        // Each receipt's index holds that caller's event.
        for (n, receipt) in receipts {
            #expect(try log.store.entry(at: receipt.index)?.event == (try AuditEvent(canonicalBytes: AuditTestLog.event(n).canonicalBytes())))
        }
        let report = try log.verifier.verify()
        #expect(report.isValid && report.entries == 200)
        // Shutdown signed the final tree.
        #expect(try log.store.latestCheckpoint()?.treeSize == 200)
        #expect(writer.isHealthy)
    }

    @Test func testEnqueuedEventsKeepTheirOrderAndCommitWithinABatchInterval() async throws {
        let log = try AuditTestLog()
        let writer = AuditWriter(
            store: log.store, signingKey: log.key,
            configuration: AuditWriterConfiguration(maxBatchEvents: 16, maxBatchDelay: .milliseconds(20)), logger: Self.logger
        )
        try await Self.running(writer) {
            for n in 0..<50 { writer.enqueue(AuditTestLog.event(n)) }
            try await Self.eventually { try log.store.count() == 50 }
        }
        for n in [0, 17, 49] {
            #expect(try log.store.entry(at: n)?.event.time == AuditTestLog.event(n).time)
        }
    }

    @Test func testBatchClosesWhenFullWithoutWaitingForTheDelay() async throws {
        let log = try AuditTestLog()
        let writer = AuditWriter(
            store: log.store, signingKey: log.key,
            configuration: AuditWriterConfiguration(maxBatchEvents: 8, maxBatchDelay: .seconds(30)), logger: Self.logger
        )
        try await Self.running(writer) {
            // Eight events fill a batch: committed long before the 30 s delay.
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<8 { group.addTask { try await writer.record(AuditTestLog.event(n)) } }
                try await group.waitForAll()
            }
            #expect(ContinuousClock.now - start < .seconds(10))
            // One event alone waits for the shutdown drain instead (graceful shutdown commits it).
            writer.enqueue(AuditTestLog.event(8))
        }
        #expect(try log.store.count() == 9)
    }

    @Test func testUnwritableLogFailsClosedThenRecovers() async throws {
        let log = try AuditTestLog()
        let writer = AuditWriter(
            store: log.store, signingKey: log.key,
            configuration: AuditWriterConfiguration(maxBatchDelay: .milliseconds(1), retryDelay: .milliseconds(50)),
            logger: Self.logger
        )
        try await Self.running(writer) {
            try await writer.record(AuditTestLog.event(0))
            // Make every insert fail, as a full disk or a read-only file would.
            let queue = try DatabaseQueue(path: log.path)
            try await queue.write {
                try $0.execute(sql: "CREATE TRIGGER broken BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk full'); END")
            }
            await #expect(throws: AuditError.self) { try await writer.record(AuditTestLog.event(1)) }
            #expect(!writer.isHealthy)
            writer.enqueue(AuditTestLog.event(2))
            try await Task.sleep(for: .milliseconds(120))
            #expect(try log.store.count() == 1)
            try await queue.write { try $0.execute(sql: "DROP TRIGGER broken") }
            // The enqueued event is retried; a successful commit makes the writer healthy again.
            try await Self.eventually { try log.store.count() == 2 && writer.isHealthy }
            let receipt = try await writer.record(AuditTestLog.event(3))
            #expect(receipt.index == 2)
        }
        #expect(try log.store.entry(at: 1)?.event.time == AuditTestLog.event(2).time)
        #expect(try log.verifier.verify().isValid)
    }

    @Test func testRecordAfterShutdownThrowsStopped() async throws {
        let log = try AuditTestLog()
        let writer = AuditWriter(store: log.store, signingKey: log.key, logger: Self.logger)
        try await Self.running(writer) { try await writer.record(AuditTestLog.event(0)) }
        await #expect(throws: AuditError(.stopped, "the audit writer has stopped")) { try await writer.record(AuditTestLog.event(1)) }
        writer.enqueue(AuditTestLog.event(2))
        #expect(writer.droppedEvents == 1)
        #expect(try log.store.count() == 1)
    }

    @Test func testCheckpointsAreCopiedToAFileAndToADirectory() async throws {
        let log = try AuditTestLog()
        let file = log.directory + "/copies.jsonl"
        let directory = log.directory + "/copies"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for copy in [AuditCheckpointCopy.file(file), .directory(directory)] {
            let writer = AuditWriter(
                store: log.store, signingKey: log.key,
                configuration: AuditWriterConfiguration(checkpointOnShutdown: false, checkpointCopy: copy), logger: Self.logger
            )
            try await Self.running(writer) {
                try await writer.record(AuditTestLog.event(0))
                let first = try await writer.checkpoint()
                try await writer.record(AuditTestLog.event(1))
                let second = try await writer.checkpoint()
                #expect(try AuditCheckpointCopy.readCheckpoints(at: copy.path).suffix(2) == [first, second])
                #expect(log.key.publicKey.isValidSignature(of: second))
            }
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 2)
        let external = try AuditCheckpointCopy.readCheckpoints(at: file) + AuditCheckpointCopy.readCheckpoints(at: directory)
        let report = try log.verifier.verify(externalCheckpoints: external)
        #expect(report.isValid && report.checkpoints == 4 && report.externalCheckpoints == 4)
    }

    @Test func testPeriodicCheckpointsOnlyWhenTheTreeGrew() async throws {
        let log = try AuditTestLog()
        let writer = AuditWriter(
            store: log.store, signingKey: log.key,
            configuration: AuditWriterConfiguration(checkpointInterval: .milliseconds(30)), logger: Self.logger
        )
        try await Self.running(writer) {
            try await writer.record(AuditTestLog.event(0))
            try await Task.sleep(for: .milliseconds(200))
        }
        // Several intervals passed, but the tree grew once: one checkpoint (none at shutdown).
        #expect(try log.store.checkpoints().map(\.treeSize) == [1])
    }
}
