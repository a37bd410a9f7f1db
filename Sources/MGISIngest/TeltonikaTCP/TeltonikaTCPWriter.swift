import CoreMetrics
import MGISCore
import MGISLive
import MGISStore
import Synchronization

/// The group-committing writer behind every Teltonika TCP connection.
///
/// A connection submits one frame and waits (the tracker itself waits for the record count), so
/// with a thousand trackers connected a thousand frames may be waiting at once. They are committed
/// together, one transaction and one fsync for all of them, and each connection is answered when
/// the transaction that holds its records is durable.
///
/// Duplicates: a frame's seq is its first record's time in seconds and its tag the SHA-256 prefix
/// of its AVL data, in one `DuplicateWindow` for all connections. A retransmission of a committed
/// frame is answered at once. One whose original is still waiting for its commit (the tracker
/// reconnected meanwhile) is queued behind it with a store check, so it is answered once the
/// original's fate is known and never counted as stored when that commit failed.
final class TeltonikaTCPWriter: Sendable {
    /// What became of one submitted frame.
    enum Outcome: Equatable, Sendable {
        case stored
        case duplicate
    }

    private struct Job {
        var datagram: StoredDatagram
        var checkStore: Bool
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    private struct State {
        var jobs: [Job] = []
        var unknown: [String: UnknownIMEI] = [:]
        var window: DuplicateWindow
        var pending = PendingDatagrams()
        var finished = false
    }

    /// Frames committed per transaction at most; the rest wait for the next one.
    static let maxJobsPerCommit = 4096
    /// Distinct unregistered IMEIs recorded per commit; beyond that they are only counted.
    static let maxUnknownPerCommit = 64

    private let state: Mutex<State>
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let store: Store
    private let live: LiveState
    private let metrics: TeltonikaTCPMetrics

    init(store: Store, live: LiveState, window: DuplicateWindow, metrics: TeltonikaTCPMetrics) {
        self.store = store
        self.live = live
        self.metrics = metrics
        state = Mutex(State(window: window))
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    struct Finished: Error {}

    /// Queues one frame's fixes and returns once they are durably stored (or known stored).
    /// Throws when the commit failed or the writer has finished: the frame must not be answered.
    func submit(device: DeviceID, seq: UInt32, tag: UInt64, receivedMillis: Int64, fixes: [Fix]) async throws -> Outcome {
        let datagram = StoredDatagram(device: device, seq: seq, tag: tag, receivedMillis: receivedMillis, fixes: fixes)
        return try await withCheckedThrowingContinuation { continuation in
            let queued: Result<Bool, Finished> = state.withLock { state in
                guard !state.finished else { return .failure(Finished()) }
                let key = (device: device.rawValue, seq: seq, tag: tag)
                let verdict = state.window.admit(device: key.device, seq: key.seq, tag: key.tag)
                if verdict == .duplicate, !state.pending.contains(device: key.device, seq: key.seq, tag: key.tag) {
                    return .success(false)
                }
                if verdict != .duplicate { state.pending.insert(device: key.device, seq: key.seq, tag: key.tag) }
                state.jobs.append(Job(datagram: datagram, checkStore: verdict != .new, continuation: continuation))
                return .success(true)
            }
            switch queued {
            case .failure(let error): continuation.resume(throwing: error)
            case .success(false):
                metrics.duplicates.increment()
                continuation.resume(returning: .duplicate)
            case .success(true): wake.yield()
            }
        }
    }

    /// Notes a handshake from an IMEI that is not registered, for `mgisctl device unknown`.
    func noteUnknown(_ imei: String, atMillis now: Int64) {
        let noted = state.withLock { state in
            if var sighting = state.unknown[imei] {
                sighting.packets += 1
                sighting.lastMillis = max(sighting.lastMillis, now)
                state.unknown[imei] = sighting
                return true
            }
            // Connections carry no authentication: invented IMEIs must not swamp the writer.
            guard state.unknown.count < Self.maxUnknownPerCommit else { return false }
            state.unknown[imei] = UnknownIMEI(imei: imei, firstMillis: now, lastMillis: now, packets: 1)
            return true
        }
        if noted { wake.yield() }
    }

    /// Commits until `finish()` is called and everything queued before it is settled.
    func run() async {
        for await _ in wakeUps {
            await commitQueued()
        }
        await commitQueued()
    }

    /// Refuses new frames and lets `run()` return once the queue is empty.
    func finish() {
        state.withLock { $0.finished = true }
        wake.finish()
    }

    private func commitQueued() async {
        while true {
            let (jobs, unknown, more) = state.withLock { state in
                let jobs = Array(state.jobs.prefix(Self.maxJobsPerCommit))
                state.jobs.removeFirst(jobs.count)
                let unknown = Array(state.unknown.values)
                state.unknown.removeAll()
                return (jobs, unknown, !state.jobs.isEmpty)
            }
            if !unknown.isEmpty { try? await store.noteUnknownIMEIs(unknown) }
            if !jobs.isEmpty { await commit(jobs) }
            if !more { return }
        }
    }

    private func commit(_ jobs: [Job]) async {
        let datagrams = jobs.map(\.datagram)
        let checkStored = Set(jobs.indices.filter { jobs[$0].checkStore })
        let written: [Bool]
        do {
            written = try await store.append(datagrams, checkStored: checkStored)
        } catch {
            metrics.commitFailures.increment()
            state.withLock { state in
                for datagram in datagrams {
                    state.window.forget(device: datagram.device.rawValue, seq: datagram.seq, tag: datagram.tag)
                }
                state.pending.remove(datagrams)
            }
            for job in jobs { job.continuation.resume(throwing: error) }
            return
        }
        state.withLock { $0.pending.remove(datagrams) }
        var stored: [DeviceFix] = []
        for (job, wasWritten) in zip(jobs, written) {
            if wasWritten {
                metrics.committedRecords.increment(by: job.datagram.fixes.count)
                job.datagram.appendDeviceFixes(to: &stored)
            } else {
                metrics.duplicates.increment()
            }
        }
        live.apply(stored)
        for (job, wasWritten) in zip(jobs, written) {
            job.continuation.resume(returning: wasWritten ? .stored : .duplicate)
        }
    }
}
