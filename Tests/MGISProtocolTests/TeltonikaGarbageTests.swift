import MGISProtocol
import Testing

/// Bytes from the network are never trusted: random and mutated input is refused or decoded,
/// never trapped on.
@Suite struct TeltonikaGarbageTests {
    static func decodeEverything(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            _ = try? TeltonikaCodec.decodeUDP(raw)
            _ = try? TeltonikaCodec.decodeTCPFrame(raw)
            _ = try? TeltonikaCodec.decodeIMEIHandshake(raw)
            _ = try? TeltonikaCodec.decodeAVL(raw)
            _ = try? TeltonikaCodec.tcpFrameLength(raw)
        }
    }

    @Test func testRandomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...600, using: &generator)
            Self.decodeEverything((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }

    /// Random bodies behind a well-formed UDP header and TCP prefix, so that the AVL parser
    /// (counts, IO groups, variable lengths) is reached rather than the first length check.
    @Test func testRandomBodiesBehindValidHeadersNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var body: [UInt8] = [Bool.random(using: &generator) ? 0x08 : 0x8E, .random(in: 1...4, using: &generator)]
            body += (0..<Int.random(in: 0...400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let udp = TeltonikaCodec.encodeUDPHeaderForTests(body: body)
            var tcp: [UInt8] = [0, 0, 0, 0]
            tcp.append(contentsOf: withUnsafeBytes(of: UInt32(body.count).bigEndian, Array.init))
            tcp += body
            tcp.append(contentsOf: withUnsafeBytes(of: UInt32(TeltonikaCRC.crc16IBM(body)).bigEndian, Array.init))
            Self.decodeEverything(udp)
            Self.decodeEverything(tcp)
        }
    }

    /// Single-byte mutations and truncations of every public vector.
    @Test func testMutatedVectorsNeverTrap() throws {
        var generator = SystemRandomNumberGenerator()
        let vectors = try TeltonikaVectors.load().vectors.map(\.bytes)
        for _ in 0..<5_000 {
            var bytes = vectors.randomElement(using: &generator)!
            if Bool.random(using: &generator), !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = .random(in: 0...255, using: &generator)
            } else {
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
            }
            Self.decodeEverything(bytes)
        }
    }
}

extension TeltonikaCodec {
    /// A UDP datagram around arbitrary AVL bytes, with a correct length and IMEI.
    static func encodeUDPHeaderForTests(body: [UInt8]) -> [UInt8] {
        let imei = Array("352093086403655".utf8)
        let length = 6 + imei.count + body.count
        return [UInt8(length >> 8), UInt8(length & 0xFF), 0xCA, 0xFE, 0x01, 0x01, 0x00, 0x0F] + imei + body
    }
}
