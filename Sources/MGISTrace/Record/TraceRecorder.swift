import Foundation
import Synchronization

/// Records datagrams from an event loop without ever blocking it.
///
/// `record(...)` copies the datagram into a bounded in-memory queue under a short lock and
/// returns; a dedicated thread (not a Swift concurrency task: file writes block, and blocking
/// the cooperative pool would stall unrelated work) drains the queue into a `TraceSink`. When
/// the queue is full the datagram is dropped and counted, never waited for: a slow disk must
/// cost trace completeness, not ingest latency.
///
/// The lock is a `Mutex` held only to append or to swap the whole queue out, so contention
/// with the drain thread is a few instructions however slow the sink is.
public final class TraceRecorder: Sendable {
    private struct Queue: ~Copyable {
        var pending: [TraceRecord] = []
        var accepting = true
        var recorded = 0
        var dropped = 0
        var failure: (any Error)?
    }

    private let capacity: Int
    private let queue = Mutex(Queue())
    private let sink: Mutex<any TraceSink>
    /// Signalled once per transition of the queue from empty to non-empty, and by `close()`.
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let closed = Atomic<Bool>(false)

    /// Starts the drain thread.
    /// - Parameters:
    ///   - sink: where records go; owned by the recorder from now on.
    ///   - capacity: datagrams queued at most; memory is bounded by about
    ///     `capacity` x (payload + 64) bytes.
    public init(sink: sending any TraceSink, capacity: Int = 65_536) {
        precondition(capacity > 0, "a recorder needs room for at least one datagram")
        self.capacity = capacity
        self.sink = Mutex(sink)
        let thread = Thread { [self] in drain() }
        thread.name = "mgis-trace-recorder"
        thread.start()
    }

    /// Opens a `TraceWriter` at `path` and records into it.
    public convenience init(
        path: String, startMillis: Int64, label: String = "", maxBytes: Int = 256 * 1024 * 1024, maxTotalBytes: Int = .max,
        capacity: Int = 65_536
    ) throws(TraceWriteError) {
        let writer = try TraceWriter(path: path, startMillis: startMillis, label: label, maxBytes: maxBytes, maxTotalBytes: maxTotalBytes)
        self.init(sink: writer, capacity: capacity)
    }

    /// Queues one datagram; never blocks. Returns `false` when it was dropped (queue full,
    /// recorder closed, or the sink failed earlier).
    @discardableResult
    public func record(arrivalMicros: Int64, kind: TracePortKind, source: TraceSourceAddress, payload: [UInt8]) -> Bool {
        let record = TraceRecord(arrivalMicros: arrivalMicros, kind: kind, source: source, payload: payload)
        let (accepted, wasEmpty) = queue.withLock { queue -> (Bool, Bool) in
            guard queue.accepting, queue.pending.count < capacity else {
                queue.dropped += 1
                return (false, false)
            }
            queue.pending.append(record)
            return (true, queue.pending.count == 1)
        }
        if wasEmpty { wakeUp.signal() }
        return accepted
    }

    /// Datagrams handed to the sink so far.
    public var recordedCount: Int { queue.withLock { $0.recorded } }
    /// Datagrams dropped because the queue was full, the recorder closed or the sink failed.
    public var droppedCount: Int { queue.withLock { $0.dropped } }
    /// Why the sink stopped taking records (its first error), or nil while it takes them.
    public var failureDescription: String? {
        queue.withLock { queue in queue.failure.map { ($0 as? TraceWriteError)?.message ?? "\($0)" } }
    }

    /// Stops accepting, waits until everything queued is written, closes the sink, and throws
    /// the sink's first error if it had one (not a cap reached: the file is whole then). Blocks:
    /// call it at shutdown, not from an event loop. Later calls do nothing.
    public func close() throws {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.withLock { $0.accepting = false }
        wakeUp.signal()
        finished.wait()
        if let failure = queue.withLock({ $0.failure }), (failure as? TraceWriteError)?.capReached != true { throw failure }
    }

    private func drain() {
        var running = true
        while running {
            wakeUp.wait()
            let (batch, accepting) = queue.withLock { queue -> ([TraceRecord], Bool) in
                defer { queue.pending.removeAll(keepingCapacity: true) }
                return (queue.pending, queue.accepting)
            }
            running = accepting
            write(batch)
        }
        let closeError: (any Error)? = sink.withLock { sink in
            do { try sink.close() } catch { return error }
            return nil
        }
        if let closeError { queue.withLock { if $0.failure == nil { $0.failure = closeError } } }
        finished.signal()
    }

    private func write(_ batch: [TraceRecord]) {
        guard !batch.isEmpty else { return }
        let (written, error) = sink.withLock { sink -> (Int, (any Error)?) in
            for (index, record) in batch.enumerated() {
                do { try sink.append(record) } catch { return (index, error) }
            }
            return (batch.count, nil)
        }
        queue.withLock { queue in
            queue.recorded += written
            guard let error else { return }
            // A failing sink (disk full) stops recording; the rest counts as dropped.
            queue.dropped += batch.count - written
            queue.failure = queue.failure ?? error
            queue.accepting = false
        }
    }
}
