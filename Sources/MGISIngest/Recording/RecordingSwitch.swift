public import CoreMetrics
import Dispatch
import Foundation
import MGISTrace
import NIOCore
import Synchronization

/// The on/off switch of datagram recording, shared by the UDP listeners and the admin API.
///
/// Listeners call `record` on their event loops for every datagram; an admin (or `--record` at
/// start-up) swaps the `TraceRecorder` underneath at any time. The recorder is held in a
/// `Mutex` only long enough to copy the reference out, so a datagram never waits for a file:
/// `TraceRecorder.record` queues or drops, and the recorder's own thread writes.
public final class RecordingSwitch: Sendable {
    private struct Session {
        var recorder: TraceRecorder
        var file: String
        var maxBytes: Int
        var startedMillis: Int64
    }

    private struct State {
        var current: Session?
        /// The figures of the last recording stopped, for the status once it is off.
        var last: RecordingStatus = .off
    }

    private let state = Mutex(State())
    /// Whether a recording is on, readable without the lock: every datagram asks, and almost all
    /// of the time the answer is no.
    private let on = Atomic<Bool>(false)
    private let recordedCounter: Counter?
    private let droppedCounter: Counter?
    private let label: String

    /// - Parameters:
    ///   - factory: where `mgis_trace_recorded_total` and `mgis_trace_dropped_total` go (nil: none).
    ///   - label: written into every trace header, e.g. the server version.
    public init(factory: (any MetricsFactory)? = nil, label: String = "mgisd") {
        recordedCounter = factory.map { Counter(label: "mgis_trace_recorded_total", dimensions: [], factory: $0) }
        droppedCounter = factory.map { Counter(label: "mgis_trace_dropped_total", dimensions: [], factory: $0) }
        self.label = label
    }

    /// Starts recording into `file`, stopping (and closing) any recording in progress first.
    /// The recording stops by itself once its segments hold `maxTotalBytes`.
    @discardableResult
    public func start(file: String, maxBytes: Int, maxTotalBytes: Int = .max) async throws(RecordingError) -> RecordingStatus {
        try await stop()
        return try open(file: file, maxBytes: maxBytes, maxTotalBytes: maxTotalBytes)
    }

    /// Starts recording into `file` when none is in progress (start-up: `--record`); refuses
    /// when one is, since closing it would block.
    @discardableResult
    public func open(file: String, maxBytes: Int, maxTotalBytes: Int = .max) throws(RecordingError) -> RecordingStatus {
        let startedMillis = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        guard maxBytes > 0 else { throw RecordingError("the rotation size must be positive, got \(maxBytes) bytes") }
        // Checked before the writer truncates anything; checked again below against a race.
        if let running = state.withLock({ $0.current?.file }) {
            throw RecordingError("a recording to \(running) is already in progress")
        }
        let recorder: TraceRecorder
        do {
            recorder = try TraceRecorder(path: file, startMillis: startedMillis, label: label, maxBytes: maxBytes, maxTotalBytes: maxTotalBytes)
        } catch {
            throw RecordingError("cannot record to \(file): \(error.message)")
        }
        let session = Session(recorder: recorder, file: file, maxBytes: maxBytes, startedMillis: startedMillis)
        let started = state.withLock { state -> Bool in
            guard state.current == nil else { return false }
            state.current = session
            on.store(true, ordering: .releasing)
            return true
        }
        guard started else {
            try? recorder.close()
            throw RecordingError("another recording started meanwhile")
        }
        return status
    }

    /// Stops the recording in progress, waiting (off the event loops and the cooperative pool)
    /// until everything queued is written and the file is synced. Does nothing when off.
    @discardableResult
    public func stop() async throws(RecordingError) -> RecordingStatus {
        guard let session = state.withLock({ state -> Session? in
            defer {
                state.current = nil
                on.store(false, ordering: .releasing)
            }
            return state.current
        }) else { return status }
        // close() blocks on the recorder's thread and an fsync: give it a thread of its own.
        let failure: String? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    try session.recorder.close()
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(returning: "\(error)")
                }
            }
        }
        let final = Self.status(of: session, active: false)
        state.withLock { $0.last = final }
        if let failure { throw RecordingError("recording to \(session.file) failed: \(failure)") }
        return final
    }

    /// The current recording, or the last one when off.
    public var status: RecordingStatus {
        state.withLock { state in state.current.map { Self.status(of: $0, active: true) } ?? state.last }
    }

    /// Whether datagrams are being recorded now.
    public var isActive: Bool { state.withLock { $0.current != nil } }

    private static func status(of session: Session, active: Bool) -> RecordingStatus {
        RecordingStatus(
            active: active, file: session.file, maxBytes: session.maxBytes, startedMillis: session.startedMillis,
            recorded: session.recorder.recordedCount, dropped: session.recorder.droppedCount,
            problem: session.recorder.failureDescription
        )
    }

    /// Queues one datagram for the trace; never blocks (called on event loops).
    func record(kind: TracePortKind, from source: SocketAddress?, payload: ByteBuffer) {
        guard on.load(ordering: .acquiring), let session = state.withLock({ $0.current }) else { return }
        let arrivalMicros = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)) - session.startedMillis * 1000
        let bytes = payload.getBytes(at: payload.readerIndex, length: payload.readableBytes) ?? []
        if session.recorder.record(arrivalMicros: arrivalMicros, kind: kind, source: TraceSourceAddress(source), payload: bytes) {
            recordedCounter?.increment()
        } else {
            droppedCounter?.increment()
        }
    }
}
