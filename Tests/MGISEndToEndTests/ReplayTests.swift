import Foundation
import MGISCore
import MGISProtocol
import MGISTestSupport
import MGISTrace
import Testing

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
        var generator = SeededGenerator(state: seed)
        return KeyFile.generate(ids: 1...4, using: &generator)
    }

    /// Checks the spacing: each arrival offset matches the recorded offset / speed, once the
    /// whole replay is aligned on its median lag (the first send of a fresh process can be late
    /// by tens of ms in a debug build, which says nothing about spacing).
    static func expectTiming(_ received: [(micros: Int64, bytes: [UInt8])], _ records: [TraceRecord], speed: Int64) {
        let lags = zip(received, records).map { got, record in (got.micros - received[0].micros) - record.arrivalMicros / speed }
        let lag = lags.sorted()[lags.count / 2]
        for (index, value) in lags.enumerated() {
            #expect(abs(value - lag) <= toleranceMicros, "datagram \(index) is \(value - lag) µs off the recorded spacing")
        }
    }

    @Test func testSameKeysReplayByteIdenticalInOrderAndTiming() async throws {
        let directory = TestServer.temporaryDirectory()
        let keys = Self.keys(seed: 7)
        let records = try Self.makeTrace(at: directory + "/t.trace", keys: keys)
        try keys.write(to: directory + "/keys.csv")
        for (speed, extra) in [(Int64(1), [String]()), (10, ["--keys", directory + "/keys.csv"])] {
            let receiver = UDPReceiver()
            async let received = onOwnThread { receiver.receive(count: records.count) }
            let run = try await onOwnThread {
                try LoadTool.run(["replay", directory + "/t.trace", "--to", "127.0.0.1:\(receiver.port)", "--speed", "\(speed)", "--drain-ms", "0", "--quiet", "--json"] + extra)
            }
            let got = try await received
            #expect(run.output.contains("\"datagrams_sent\":40"), "\(run.output)")
            // Same keys, no shift: re-signing (speed 10 run) reproduces the recorded bytes too.
            #expect(got.map(\.bytes) == records.map(\.payload))
            Self.expectTiming(got, records, speed: speed)
        }
    }

    @Test func testOtherKeysRemakeTagsAndKeepEverythingElse() async throws {
        let directory = TestServer.temporaryDirectory()
        let original = Self.keys(seed: 7), target = Self.keys(seed: 8)
        let records = try Self.makeTrace(at: directory + "/t.trace", keys: original)
        try original.write(to: directory + "/original.csv")
        try target.write(to: directory + "/target.csv")
        let receiver = UDPReceiver()
        async let received = onOwnThread { receiver.receive(count: records.count) }
        _ = try await onOwnThread {
            try LoadTool.run([
                "replay", directory + "/t.trace", "--to", "127.0.0.1:\(receiver.port)", "--speed", "1", "--drain-ms", "0", "--quiet",
                "--keys", directory + "/target.csv", "--original-keys", directory + "/original.csv",
            ])
        }
        let got = try await received
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
        Self.expectTiming(got, records, speed: 1)
    }
}

/// SplitMix64, so test keys are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
