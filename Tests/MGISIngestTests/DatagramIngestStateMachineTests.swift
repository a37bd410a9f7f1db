import MGISCore
@testable import MGISIngest
import MGISProtocol
import MGISStore
import MGISTestSupport
import NIOCore
import Prometheus
import Testing

/// The ingest path's decisions, fed bytes directly: no socket, no store, no clock.
@Suite struct DatagramIngestStateMachineTests {
    typealias Machine = DatagramIngestStateMachine<MTPWire>

    static let key = [UInt8](repeating: 7, count: 32)
    static let auth = MTPAuthenticator(key: key)
    static let address = try! SocketAddress(ipAddress: "127.0.0.1", port: 40_000)
    static let now: Int64 = 1_760_000_000_000

    static func machine(maxBatchFixes: Int = 100, maxPendingBatches: Int = 4) -> Machine {
        let device = Device(id: DeviceID(unchecked: 5), name: "T5", key: key, createdMillis: 0)
        return Machine(
            wire: MTPWire(metrics: IngestMetrics(factory: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()))),
            configuration: .init(maxBatchFixes: maxBatchFixes, maxBatchDelay: .milliseconds(5), maxPendingBatches: maxPendingBatches, maxFutureMillis: 60_000),
            registry: DeviceRegistry(devices: [device]),
            window: DuplicateWindow(capacity: 64)
        )
    }

    static func datagram(seq: UInt32, fixes: Int = 1, device: UInt32 = 5, key: [UInt8] = key, start: Int64 = now - 10_000) -> [UInt8] {
        MTPCodec.encode(device: device, seq: seq, fixes: Fixes.make(count: fixes, start: start), authenticator: MTPAuthenticator(key: key))
    }

    static func receive(_ machine: inout Machine, _ bytes: [UInt8], inFlight: Int = 0) -> Machine.Decision {
        bytes.withUnsafeBytes { machine.receive($0, from: address, batchesInFlight: inFlight, nowMillis: { now }) }
    }

    static func take(_ machine: inout Machine) throws -> Machine.Batch {
        let batch = machine.takeBatch()
        return try #require(batch, "the batch is empty")
    }

    @Test func validDatagramsAreAppendedAndTheFirstStartsTheTimer() throws {
        var machine = Self.machine()
        #expect(Self.receive(&machine, Self.datagram(seq: 1)) == .init(action: .append, flush: .startTimer))
        #expect(Self.receive(&machine, Self.datagram(seq: 2, fixes: 3)) == .init(action: .append, flush: .none))
        let batch = try Self.take(&machine)
        #expect(batch.datagrams.map(\.seq) == [1, 2])
        #expect(batch.fixCount == 4)
        #expect(batch.replies.map(\.datagramIndex) == [0, 1])
        #expect(batch.datagrams.allSatisfy { $0.receivedMillis == Self.now })
        #expect(machine.takeBatch() == nil)
    }

    @Test func junkIsDroppedWithItsReasonAndLeavesTheBatchEmpty() {
        var machine = Self.machine()
        let wrongKey = [UInt8](repeating: 9, count: 32)
        #expect(Self.receive(&machine, Self.datagram(seq: 1, key: wrongKey)) == .init(action: .drop(reason: "bad_tag"), flush: .none))
        #expect(Self.receive(&machine, Self.datagram(seq: 1, device: 6)) == .init(action: .drop(reason: "unknown_device"), flush: .none))
        #expect(Self.receive(&machine, [0x4D, 0x54]) == .init(action: .drop(reason: "truncated"), flush: .none))
        #expect(machine.takeBatch() == nil)
    }

    @Test func refusedDatagramsDoNotReadTheClock() {
        var machine = Self.machine()
        var reads = 0
        let wrongKey = [UInt8](repeating: 9, count: 32)
        for bytes in [Self.datagram(seq: 1, key: wrongKey), [0x4D, 0x54], Self.datagram(seq: 2, device: 6)] {
            _ = bytes.withUnsafeBytes { machine.receive($0, from: Self.address, batchesInFlight: 0, nowMillis: { reads += 1; return Self.now }) }
        }
        #expect(reads == 0, "a flood of junk costs no clock reads")
        _ = Self.datagram(seq: 3).withUnsafeBytes { machine.receive($0, from: Self.address, batchesInFlight: 0, nowMillis: { reads += 1; return Self.now }) }
        #expect(reads == 1)
    }

    @Test func overloadDropsEvenValidDatagramsUnanswered() {
        var machine = Self.machine(maxPendingBatches: 2)
        #expect(Self.receive(&machine, Self.datagram(seq: 1), inFlight: 2) == .init(action: .drop(reason: "overload"), flush: .none))
        #expect(machine.takeBatch() == nil)
        // Not counted as seen: once the writer catches up, the retransmission is stored.
        #expect(Self.receive(&machine, Self.datagram(seq: 1), inFlight: 1).action == .append)
    }

    @Test func retransmissionIsHeldWhileTheOriginalIsUncommitted() throws {
        var machine = Self.machine()
        let original = Self.datagram(seq: 1)
        #expect(Self.receive(&machine, original).action == .append)
        let batch = try Self.take(&machine)
        // In flight: an ACK now could acknowledge data whose commit then fails.
        #expect(Self.receive(&machine, original) == .init(action: .hold, flush: .none))
        machine.committed(batch)
        #expect(Self.receive(&machine, original) == .init(action: .answer(.duplicate), flush: .startTimer))
        let duplicates = try Self.take(&machine)
        #expect(duplicates.datagrams.isEmpty)
        #expect(duplicates.replies.first?.reply.status == .duplicate)
    }

    @Test func aFailedCommitIsForgottenSoTheRetransmissionIsStored() throws {
        var machine = Self.machine()
        let original = Self.datagram(seq: 1)
        _ = Self.receive(&machine, original)
        machine.failed(try Self.take(&machine))
        #expect(Self.receive(&machine, original).action == .append)
    }

    @Test func futureFixesAreAnsweredButNotStoredAndHeartbeatsAreAnswered() throws {
        var machine = Self.machine()
        #expect(Self.receive(&machine, Self.datagram(seq: 1, start: Self.now + 61_000)).action == .answer(.unacceptable))
        #expect(Self.receive(&machine, Self.datagram(seq: 2, fixes: 0)).action == .answer(.heartbeat))
        let batch = try Self.take(&machine)
        #expect(batch.datagrams.isEmpty)
        #expect(batch.replies.count == 2)
    }

    @Test func aFullBatchIsFlushedAtOnce() {
        var machine = Self.machine(maxBatchFixes: 5)
        #expect(Self.receive(&machine, Self.datagram(seq: 1, fixes: 3)).flush == .startTimer)
        #expect(Self.receive(&machine, Self.datagram(seq: 2, fixes: 2)).flush == .now)
        #expect(machine.takeBatch()?.fixCount == 5)
    }
}
