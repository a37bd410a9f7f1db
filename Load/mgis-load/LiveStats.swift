import Foundation
import Histogram
import Synchronization

/// What the live subscribers measured, shared by all of them.
final class LiveStats: Sendable {
    private struct State {
        var histogram = Histogram<UInt64>(highestTrackableValue: 600_000, numberOfSignificantValueDigits: .three)
        var connected = 0
        var frames = 0
        var bytes = 0
        var samples = 0
        var idleBytesPerConnection: Int?
        var negative = 0
        var measuring = false
    }

    private let state = Mutex(State())

    /// Samples count only from here on (after every subscriber is connected).
    func startMeasuring() { state.withLock { $0.measuring = true } }
    var isMeasuring: Bool { state.withLock { $0.measuring } }

    func connected() { state.withLock { $0.connected += 1 } }
    var connectedCount: Int { state.withLock { $0.connected } }
    var sampleCount: Int { state.withLock { $0.samples } }

    func frame(bytes: Int) {
        state.withLock { state in
            state.frames += 1
            state.bytes += bytes
        }
    }

    /// Latencies below 0 (clock steps, or the 10 ms truncation of fix times) are recorded as 0.
    func record(latencyMillis: Int64) {
        state.withLock { state in
            if latencyMillis < 0 { state.negative += 1 }
            state.histogram.record(UInt64(min(max(latencyMillis, 0), 600_000)))
            state.samples += 1
        }
    }

    func noteIdleMemory(before: Int, after: Int, connections: Int) {
        guard before > 0, after > 0, connections > 0 else { return }
        state.withLock { $0.idleBytesPerConnection = (after - before) / connections }
    }

    func percentile(_ p: Double) -> UInt64 {
        state.withLock { $0.histogram.totalCount > 0 ? $0.histogram.valueAtPercentile(p) : 0 }
    }

    func summary(json: Bool) -> String {
        state.withLock { state in
            let h = state.histogram
            let p50 = h.totalCount > 0 ? h.valueAtPercentile(50) : 0
            let p99 = h.totalCount > 0 ? h.valueAtPercentile(99) : 0
            let memory = state.idleBytesPerConnection.map { String($0) } ?? "null"
            if json {
                return "{\"subscribers\":\(state.connected),\"frames\":\(state.frames),\"bytes\":\(state.bytes),\"samples\":\(state.samples),"
                    + "\"latency_ms\":{\"p50\":\(p50),\"p99\":\(p99),\"max\":\(h.maxRecorded)},\"server_bytes_per_idle_connection\":\(memory)}"
            }
            return """
                subscribers connected      \(state.connected)
                frames received            \(state.frames) (\(state.bytes / 1_048_576) MiB)
                latency samples            \(state.samples)
                UDP-to-screen latency p50  \(p50) ms
                UDP-to-screen latency p99  \(p99) ms
                UDP-to-screen latency max  \(h.maxRecorded) ms
                server memory per idle connection  \(state.idleBytesPerConnection.map { "\($0 / 1024) KiB" } ?? "n/a (give --server-pid)")
                """
        }
    }
}
