import Foundation
import MGISCore
import MGISProtocol
import MGISTestSupport
import MGISTrace
import Testing

extension EndToEnd {

/// `mgis-load replay` against a socket of the test's own: the datagrams arrive in the recorded
/// order, byte-identical (same keys) or with tags re-made under other keys, with the recorded
/// spacing (scaled by --speed) within a stated tolerance.
@Suite(.serialized) struct ReplayTests {
    /// Spacing error allowed per datagram, relative to the first: the sender ticks every 1 ms,
    /// and a loaded CI machine delays a tick now and then.
    static let toleranceMicros: Int64 = 40_000

    /// 40 MTP/1 datagrams of 4 devices, 60 ms apart plus a 500 ms pause in the middle: at speed 1
    /// the spacing and the pause are both well above the tolerance.
    static func makeTrace(at path: String, keys: KeyFile) throws -> [TraceRecord] {
        var records: [TraceRecord] = []
        let start = WallClock.nowMillis() / 1000 * 1000 - 3_600_000
        for index in 0..<40 {
            let device = UInt32(index % 4 + 1)
            let offsetMicros = Int64(index) * 60_000 + (index >= 20 ? 500_000 : 0)
            let fixes = Fixes.make(count: 1 + index % 3, start: start + offsetMicros / 1000 / 10 * 10, seed: Int32(index))
            let payload = MTPCodec.encode(device: device, seq: UInt32(index / 4 + 1), fixes: fixes, authenticator: MTPAuthenticator(key: keys.key(for: device)!))
            records.append(TraceRecord(arrivalMicros: offsetMicros, kind: .mtp, source: .ipv4(address: 0x7F00_0001, port: 40_000), payload: payload))
        }
        let writer = try TraceWriter(path: path, startMillis: start, label: "replay test")
        for record in records { try writer.append(record) }
        try writer.close()
        return records
    }

    static func keys(seed: UInt64) -> KeyFile {
        var generator = SplitMix64(seed: seed)
        return KeyFile.generate(ids: 1...4, using: &generator)
    }

    /// The datagrams whose arrival is more than the tolerance off the recorded offset / speed,
    /// once the whole replay is aligned on its median lag (the first send of a fresh process can
    /// be late by tens of ms in a debug build, which says nothing about spacing).
    static func timingMisses(_ received: [(micros: Int64, bytes: [UInt8])], _ records: [TraceRecord], speed: Int64) -> [String] {
        guard received.count == records.count, !received.isEmpty else { return ["\(received.count) of \(records.count) datagrams arrived"] }
        let lags = zip(received, records).map { got, record in (got.micros - received[0].micros) - record.arrivalMicros / speed }
        let lag = lags.sorted()[lags.count / 2]
        return lags.enumerated().compactMap { index, value in
            abs(value - lag) <= toleranceMicros ? nil : "datagram \(index) is \(value - lag) µs off the recorded spacing"
        }
    }

    /// Replays `trace` to a socket of the test's own and returns what arrived, with the tool's output.
    static func replay(_ trace: String, speed: Int64, extra: [String]) async throws -> (received: [(micros: Int64, bytes: [UInt8])], output: String) {
        let receiver = UDPReceiver()
        async let received = onOwnThread { receiver.receive(count: 40) }
        let run = try await onOwnThread {
            try LoadTool.run(["replay", trace, "--to", "127.0.0.1:\(receiver.port)", "--speed", "\(speed)", "--drain-ms", "0", "--quiet", "--json"] + extra)
        }
        return (try await received, run.output)
    }

    /// Timing is a property of the tool on an idle machine; a test process shares two cores with
    /// browsers and servers of other tests, and a sender starved of CPU for half a second says
    /// nothing about the tool. So the timing must hold in one of up to three runs; bytes and order
    /// must hold in every run.
    static let timingAttempts = 3

    @Test func testSameKeysReplayByteIdenticalInOrderAndTiming() async throws {
        let directory = TestServer.temporaryDirectory()
        let keys = Self.keys(seed: 7)
        let records = try Self.makeTrace(at: directory + "/t.trace", keys: keys)
        try keys.write(to: directory + "/keys.csv")
        for (speed, extra) in [(Int64(1), [String]()), (10, ["--keys", directory + "/keys.csv"])] {
            var misses: [String] = []
            for _ in 0..<Self.timingAttempts {
                let (got, output) = try await Self.replay(directory + "/t.trace", speed: speed, extra: extra)
                #expect(output.contains("\"datagrams_sent\":40"), "\(output)")
                // Same keys, no shift: re-signing (speed 10 run) reproduces the recorded bytes too.
                #expect(got.map(\.bytes) == records.map(\.payload))
                misses = Self.timingMisses(got, records, speed: speed)
                if misses.isEmpty { break }
            }
            #expect(misses.isEmpty, "speed \(speed), \(Self.timingAttempts) runs: \(misses.prefix(5))")
        }
    }

    /// `--speed max --window 20` against a socket that never answers: 20 datagrams go at once,
    /// then nothing until they are overdue (1 s), then the next 20. The window is what keeps an
    /// unpaced replay from overflowing the server's socket buffer.
    @Test func testWindowHoldsBackAnUnansweredMaxSpeedReplay() async throws {
        let directory = TestServer.temporaryDirectory()
        let records = try Self.makeTrace(at: directory + "/t.trace", keys: Self.keys(seed: 7))
        let receiver = UDPReceiver()
        async let received = onOwnThread { receiver.receive(count: 40) }
        let run = try await onOwnThread {
            try LoadTool.run([
                "replay", directory + "/t.trace", "--to", "127.0.0.1:\(receiver.port)", "--speed", "max", "--window", "20",
                "--drain-ms", "0", "--quiet", "--json",
            ])
        }
        let got = try await received
        #expect(got.map(\.bytes) == records.map(\.payload), "all 40 arrive, in order")
        #expect(run.output.contains("\"datagrams_sent\":40"), "\(run.output)")
        if got.count == 40 {
            let first = got[0].micros
            #expect(got[19].micros - first < 500_000, "the first window went at once: \(got[19].micros - first) µs")
            #expect(got[20].micros - first >= 900_000, "the second window waited for the first to be overdue: \(got[20].micros - first) µs")
        }
    }

    @Test func testOtherKeysRemakeTagsAndKeepEverythingElse() async throws {
        let directory = TestServer.temporaryDirectory()
        let original = Self.keys(seed: 7), target = Self.keys(seed: 8)
        let records = try Self.makeTrace(at: directory + "/t.trace", keys: original)
        try original.write(to: directory + "/original.csv")
        try target.write(to: directory + "/target.csv")
        var misses: [String] = []
        for _ in 0..<Self.timingAttempts {
            let (got, _) = try await Self.replay(
                directory + "/t.trace", speed: 1, extra: ["--keys", directory + "/target.csv", "--original-keys", directory + "/original.csv"]
            )
            #expect(got.count == records.count)
            for (sent, record) in zip(got, records) {
                #expect(sent.bytes != record.payload, "the tag must be re-made")
                let (header, fixes) = try sent.bytes.withUnsafeBytes { raw in
                    let header = try MTPCodec.parseHeader(raw)
                    try MTPCodec.verifyTag(raw, header: header, authenticator: MTPAuthenticator(key: target.key(for: header.device)!))
                    return (header, try MTPCodec.decodeRecords(raw, header: header))
                }
                let recorded = try record.payload.withUnsafeBytes { raw in
                    let header = try MTPCodec.parseHeader(raw)
                    return (header, try MTPCodec.decodeRecords(raw, header: header))
                }
                #expect(header.device == recorded.0.device && header.seq == recorded.0.seq && fixes == recorded.1)
            }
            misses = Self.timingMisses(got, records, speed: 1)
            if misses.isEmpty { break }
        }
        #expect(misses.isEmpty, "\(Self.timingAttempts) runs: \(misses.prefix(5))")
    }
}
}
