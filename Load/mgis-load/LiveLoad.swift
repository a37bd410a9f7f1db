import ArgumentParser
import Foundation
import Histogram
import HummingbirdWSClient
import Logging
import MGISCore
import NIOPosix

/// `mgis-load live`: M WebSocket subscribers of `/api/v1/live` measuring UDP-to-screen latency.
///
/// Each position in a `positions` frame carries its fix time, which `mgis-load udp` sets to the
/// moment it sends the datagram (to 10 ms: MTP/1 carries centiseconds). Latency is frame receipt
/// time minus fix time, so it spans the UDP hop, the batch commit, the tick and the WebSocket.
/// Every subscriber samples up to `--samples-per-frame` items per frame, so the client stays
/// cheap enough to run beside the server.
struct LiveLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "WebSocket subscribers measuring UDP-to-screen latency of the live feed.",
        discussion: "Run `mgis-load udp` at the same time to drive ingest; both report at the end."
    )

    @Option(help: "The server's HTTP address, host:port.") var to: String
    @Option(help: "An access token allowed on the live feed (display, dispatcher...).") var token: String
    @Option(help: "WebSocket subscribers to open.") var subscribers: Int = 200
    @Option(help: "Seconds to measure after all subscribers are connected.") var duration: Double = 30
    @Option(help: "Positions sampled per frame per subscriber.") var samplesPerFrame: Int = 4
    @Option(help: "mgisd's pid, to report its memory per idle connection.") var serverPid: Int32?
    @Flag(help: "Print the summary as one JSON object.") var json = false

    func run() async throws {
        guard subscribers > 0, duration > 0 else { throw ValidationError("subscribers and duration must be positive") }
        let url = "ws://\(to)/api/v1/live?token=\(token)"
        let stats = LiveStats()
        let before = serverPid.map(Self.residentBytes) ?? 0
        let logger = Logger(label: "mgis-load.live")
        let connectDeadline = ContinuousClock.now + .seconds(30)
        let samples = samplesPerFrame
        let seconds = duration
        let pid = serverPid
        let count = subscribers
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask {
                    _ = try? await WebSocketClient.connect(
                        url: url, configuration: .init(maxFrameSize: 1 << 26), eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                        logger: logger
                    ) { inbound, _, _ in
                        stats.connected()
                        for try await message in inbound.messages(maxSize: 1 << 26) {
                            guard case .text(let text) = message else { continue }
                            let received = Self.nowMillis()
                            stats.frame(bytes: text.utf8.count)
                            guard stats.isMeasuring, text.hasPrefix("{\"type\":\"positions\"") else { continue }
                            for time in Self.sampleTimes(text, limit: samples) {
                                stats.record(latencyMillis: received - time)
                            }
                        }
                    }
                }
            }
            group.addTask {
                while stats.connectedCount < count, ContinuousClock.now < connectDeadline {
                    try await Task.sleep(for: .milliseconds(200))
                }
                let idle = pid.map(Self.residentBytes) ?? 0
                stats.noteIdleMemory(before: before, after: idle, connections: stats.connectedCount)
                stats.startMeasuring()
                let start = ContinuousClock.now
                var last = 0
                while ContinuousClock.now - start < .milliseconds(Int64(seconds * 1000)) {
                    try await Task.sleep(for: .seconds(1))
                    let now = stats.sampleCount
                    FileHandle.standardError.write(Data("live: \(stats.connectedCount) subscribers, \(now - last) samples/s, p99 \(stats.percentile(99)) ms\n".utf8))
                    last = now
                }
                throw CancellationError()  // ends the subscribers
            }
            do {
                while try await group.next() != nil {}
            } catch is CancellationError {
                group.cancelAll()
            }
        }
        print(stats.summary(json: json))
    }

    static func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    static func residentBytes(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }

    /// The fix times (`"time":"...Z"`) of the first `limit` positions of a frame, parsed without
    /// Foundation and without scanning the rest of the frame: items are ordered by unit id, which
    /// says nothing about their age, so the first ones are as good a sample as any and the client
    /// stays cheap beside the server.
    static func sampleTimes(_ text: String, limit: Int) -> [Int64] {
        var text = text
        return text.withUTF8 { bytes in
            var times: [Int64] = []
            let needle = Array("\"time\":\"".utf8)
            var index = 0
            let end = bytes.count - needle.count - 24
            while index < end, times.count < limit {
                if bytes[index] == needle[0], bytes[index + 1] == needle[1], bytes[index + 2] == needle[2],
                    Array(bytes[index..<(index + needle.count)]) == needle
                {
                    let start = index + needle.count
                    if let millis = RFC3339.millis(utf8: bytes[start..<(start + 24)]) { times.append(millis) }
                    index = start + 24
                } else {
                    index += 1
                }
            }
            return times
        }
    }
}
