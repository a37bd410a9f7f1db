import Foundation
import MGISCore
import MGISProtocol
import MGISStore
import MGISTestSupport
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {

/// One live-feed client stops reading while 1,000 units report at 10 Hz for 30 s. The server's
/// memory stays bounded, the stalled client is closed with 4008 as documented, and a second
/// client keeps receiving frames with its latency far below a generous bound.
@Suite(.serialized, .timeLimit(.minutes(3))) struct SlowClientTests {
    static let units = 1000
    static let rateHz = 10
    /// 30 s as the issue asks; MGIS_SLOW_TEST_SECONDS shortens it while debugging.
    static let seconds = Int(ProcessInfo.processInfo.environment["MGIS_SLOW_TEST_SECONDS"] ?? "") ?? 30

    /// Resident memory of a process in bytes, from /proc.
    static func residentBytes(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }

    @Test func testStalledClientIsClosedAndOthersAreUnaffected() async throws {
        let directory = NSTemporaryDirectory() + "mgis-slow-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var keys: [(UInt32, MTPAuthenticator)] = []
        let token: String
        do {
            let store = try Store(configuration: StoreConfiguration(path: directory + "/mgis.sqlite", synchronous: .normal))
            var rows: [(line: Int, id: DeviceID, name: String, key: [UInt8]?, imei: String?)] = []
            for id in 1...UInt32(Self.units) {
                let key = (0..<32).map { _ in UInt8.random(in: 0...255) }
                rows.append((Int(id), DeviceID(unchecked: id), "car-\(id)", key, nil))
                keys.append((id, MTPAuthenticator(key: key)))
            }
            try store.importDevices(rows, nowMillis: WallClock.nowMillis())
            let user = try store.createUser(name: "wall", roles: [.display], passwordHash: nil, unitID: nil, nowMillis: 0)
            let generated = TokenFactory.generate()
            _ = try store.insertToken(hash: generated.hash, userID: user.id, kind: .issued, label: "t", nowMillis: 0, expiresMillis: .max)
            token = generated.token
        }
        let daemon = try Daemon(dataDirectory: directory, extra: ["--synchronous", "NORMAL"])
        defer { daemon.terminate() }
        // Ready when it answers /healthz (a fixed pause is too short on a loaded machine).
        var up = false
        for _ in 0..<300 where !up {
            up = (try? await HTTPTestClient(port: daemon.httpPort).send("GET", "/healthz"))?.status == 200
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(up, "mgisd did not answer /healthz")
        try await Task.sleep(for: .seconds(1))
        let baseline = Self.residentBytes(daemon.process.processIdentifier)
        let httpPort = daemon.httpPort
        let stalled = try await onOwnThread { try StalledWebSocket(port: httpPort, path: "/api/v1/live?token=\(token)") }

        // The fleet: 1,000 devices x 10 Hz on one UDP socket, paced per 100 ms round. It drives
        // until the healthy client has watched for `seconds` (frames come only while units move),
        // and at most a minute longer should that client never get going.
        let port = daemon.udpPort
        let watching = WatchFlag()
        defer { watching.end() }
        let sender = Task { [keys] in try await onOwnThread {
            let client = UDPTestClient(port: port)
            for round in 0..<((Self.seconds + 60) * Self.rateHz) {
                guard watching.isOn else { break }
                let start = Date()
                let now = WallClock.nowMillis() / 10 * 10
                for (id, auth) in keys {
                    let fix = Fix(timeMillis: now, latE7: 546_000_000 + Int32(round * 100) + Int32(id), lonE7: 252_000_000 + Int32(id) * 1000)
                    client.send(MTPCodec.encode(device: id, seq: UInt32(round + 1), fixes: [fix], authenticator: auth))
                }
                let spent = Date().timeIntervalSince(start)
                if spent < 0.1 { usleep(UInt32((0.1 - spent) * 1_000_000)) }
            }
        } }
        let stats = Stats(baseline: baseline)
        let pid = daemon.process.processIdentifier
        try await LiveFeedClient.with(port: daemon.httpPort, token: token) { session in
            _ = try await session.next(type: "snapshot")
            print("slow-client test: snapshot received")
            let end = Date().addingTimeInterval(Double(Self.seconds))
            while Date() < end {
                let frame = try await session.next(type: "positions")
                let received = WallClock.nowMillis()
                let newest = (frame["items"] as? [[String: Any]] ?? []).compactMap { $0["time"] as? String }.max() ?? ""
                stats.note(latency: Self.millis(newest).map { received - $0 }, resident: Self.residentBytes(pid))
            }
        }
        watching.end()
        let (peak, recorded) = stats.result
        var latencies = recorded
        print("slow-client test: healthy client done")
        try await sender.value
        print("slow-client test: sender done")
        let tail = try await onOwnThread { stalled.drain() }
        print("slow-client test: drained \(tail.count) bytes")
        latencies.sort()
        let p99 = latencies.isEmpty ? Int64.max : latencies[latencies.count * 99 / 100]
        let growth = peak - baseline
        print("slow-client test: frames \(latencies.count), p50 \(latencies.isEmpty ? -1 : latencies[latencies.count / 2]) ms, p99 \(p99) ms, RSS baseline \(baseline >> 20) MiB, peak \(peak >> 20) MiB")
        #expect(latencies.count >= Self.seconds * 5, "the healthy client got only \(latencies.count) frames")
        // Normal is ~100-200 ms (tick + batch). A feed blocked by the stalled client would stop
        // outright until the stalled one is cut off (10 s behind), so the bound is that deadline;
        // anything below it is CPU contention on a loaded 2-core machine, which BENCHMARKS.md
        // measures, not this test.
        #expect(p99 < 10_000, "healthy client's p99 latency \(p99) ms")
        // Per-client buffer is 1 MiB; the whole server must stay far below an unbounded queue
        // (30 s of 1,000 units at 10 Hz is ~ 300k positions, > 40 MiB as frames).
        #expect(growth < 96 << 20, "server RSS grew by \(growth >> 20) MiB")
        // The stalled client was closed with 4008 (close frame 0x88, code 0x0FA8) at the end of what it was sent.
        let closeFrame = Self.containsClose4008(tail)
        #expect(closeFrame, "no 4008 close frame in the \(tail.count) bytes the stalled client finally read")
    }

    /// Whether the bytes hold a close frame (0x88) with code 4008 (0x0FA8).
    static func containsClose4008(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for index in 0...(bytes.count - 4) where bytes[index] == 0x88 {
            if bytes[index + 2] == 0x0F, bytes[index + 3] == 0xA8 { return true }
        }
        return false
    }

    static func millis(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }
}

/// Whether the healthy client is still watching; the fleet drives while it is.
final class WatchFlag: Sendable {
    private let on = Atomic<Bool>(true)

    var isOn: Bool { on.load(ordering: .acquiring) }

    func end() {
        on.store(false, ordering: .releasing)
    }
}

/// What the healthy client saw, shared with its @Sendable session closure.
final class Stats: Sendable {
    private let state: Mutex<(peak: Int, latencies: [Int64])>

    init(baseline: Int) {
        state = Mutex((baseline, []))
    }

    func note(latency: Int64?, resident: Int) {
        state.withLock { state in
            if let latency { state.latencies.append(latency) }
            state.peak = max(state.peak, resident)
        }
    }

    var result: (peak: Int, latencies: [Int64]) { state.withLock { $0 } }
}
}
