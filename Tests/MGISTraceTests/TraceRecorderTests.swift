import Foundation
import Dispatch
import MGISTrace
import Synchronization
import Testing

@Suite struct TraceRecorderTests {
    @Test func testRecordedDatagramsReadBackInOrder() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("rec.mgtr")
            let recorder = try TraceRecorder(path: path, startMillis: 5, label: "live", capacity: 100_000)
            let records = TraceSamples.records(count: 5_000)
            for record in records {
                #expect(recorder.record(arrivalMicros: record.arrivalMicros, kind: record.kind, source: record.source, payload: record.payload))
            }
            try recorder.close()
            #expect(recorder.recordedCount == records.count)
            #expect(recorder.droppedCount == 0)
            #expect(try TraceReader.readAll(path: path).records == records)
        }
    }

    @Test func testRecordsFromManyThreadsAreAllWritten() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("threads.mgtr")
            let recorder = try TraceRecorder(path: path, startMillis: 0, capacity: 100_000)
            DispatchQueue.concurrentPerform(iterations: 4) { thread in
                for index in 0..<1_000 {
                    recorder.record(arrivalMicros: Int64(index), kind: .mtp, source: .unspecified, payload: [UInt8(thread)])
                }
            }
            try recorder.close()
            let records = try TraceReader.readAll(path: path).records
            #expect(records.count == 4_000)
            for thread in 0..<4 {
                // Each thread's own datagrams stay in the order it recorded them.
                let own = records.filter { $0.payload == [UInt8(thread)] }.map(\.arrivalMicros)
                #expect(own == (0..<1_000).map(Int64.init))
            }
        }
    }

    @Test func testARecordingStopsAtItsTotalCapAcrossSegments() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("capped.mgtr")
            // Segments of 4 KiB, 10 KiB in all: without the cap, rotation would go on for ever.
            let recorder = try TraceRecorder(path: path, startMillis: 0, maxBytes: 4096, maxTotalBytes: 10_240, capacity: 100_000)
            for index in 0..<1_000 {
                recorder.record(arrivalMicros: Int64(index), kind: .mtp, source: .unspecified, payload: [UInt8](repeating: 7, count: 100))
            }
            try recorder.close()  // a cap reached is not a failure: the files are whole
            let files = TraceSegments.existing(base: path)
            let total = try files.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
            #expect(files.count == 3, "\(files)")
            #expect(total <= 10_240 && total > 10_240 - 200, "\(total) bytes")
            #expect(recorder.recordedCount + recorder.droppedCount == 1_000)
            #expect(recorder.recordedCount == files.map { (try? TraceReader.readAll(path: $0).records.count) ?? 0 }.reduce(0, +))
            #expect(recorder.failureDescription?.contains("cap of 10240 bytes") == true)
        }
    }

    @Test func testAFullQueueDropsAndCounts() throws {
        let sink = StalledSink()
        let recorder = TraceRecorder(sink: sink, capacity: 4)
        recorder.record(arrivalMicros: 0, kind: .mtp, source: .unspecified, payload: [0])
        sink.entered.wait()  // the drain thread holds record 0 and is stuck in the sink
        var accepted: [Bool] = []
        for index in 1...10 {
            accepted.append(recorder.record(arrivalMicros: Int64(index), kind: .mtp, source: .unspecified, payload: [UInt8(index)]))
        }
        #expect(accepted == Array(repeating: true, count: 4) + Array(repeating: false, count: 6))
        #expect(recorder.droppedCount == 6)
        sink.release.signal()
        try recorder.close()
        #expect(recorder.recordedCount == 5)
        #expect(sink.payloads == [[0], [1], [2], [3], [4]])
        #expect(sink.isClosed)
        #expect(!recorder.record(arrivalMicros: 99, kind: .mtp, source: .unspecified, payload: []))
        #expect(recorder.droppedCount == 7)
    }

    @Test func testASinkFailureSurfacesAtClose() throws {
        let recorder = TraceRecorder(sink: FailingSink(), capacity: 10)
        recorder.record(arrivalMicros: 0, kind: .mtp, source: .unspecified, payload: [])
        #expect(throws: FailingSink.Failure.self) { try recorder.close() }
        #expect(recorder.recordedCount == 0)
        #expect(recorder.droppedCount == 1)
    }
}

/// A sink whose first append blocks until the test releases it.
private final class StalledSink: TraceSink, @unchecked Sendable {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    private let state = Mutex<(payloads: [[UInt8]], closed: Bool, stalled: Bool)>(([], false, false))

    var payloads: [[UInt8]] { state.withLock { $0.payloads } }
    var isClosed: Bool { state.withLock { $0.closed } }

    func append(_ record: TraceRecord) throws {
        let first = state.withLock { state -> Bool in
            defer { state.stalled = true }
            return !state.stalled
        }
        if first {
            entered.signal()
            release.wait()
        }
        state.withLock { $0.payloads.append(record.payload) }
    }

    func close() throws {
        state.withLock { $0.closed = true }
    }
}

private final class FailingSink: TraceSink {
    struct Failure: Error {}

    func append(_ record: TraceRecord) throws { throw Failure() }
    func close() throws {}
}
