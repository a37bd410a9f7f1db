import MGISCore
import MGISProtocol
import Testing

/// ACKs, CRC, handshake and the refusals the vectors do not cover.
@Suite struct TeltonikaWireTests {
    static func refusal(_ bytes: [UInt8], _ decode: (UnsafeRawBufferPointer) throws(TeltonikaError) -> Void) -> TeltonikaError? {
        bytes.withUnsafeBytes { raw in
            do throws(TeltonikaError) {
                try decode(raw)
                return nil
            } catch {
                return error
            }
        }
    }

    static let wiki8UDP = hex("003DCAFE0105000F33353230393330383634303336353508010000016B4F815B30010000000000000000000000000000000103021503010101425DBC000001")

    @Test func testUDPAckBytesAreExact() {
        #expect(TeltonikaCodec.encodeUDPAck(packetID: 0xCAFE, avlPacketID: 0x05, acceptedRecords: 1) == hex("0005CAFE010501"))
        #expect(TeltonikaCodec.encodeUDPAck(packetID: 0x0102, avlPacketID: 0xFF, acceptedRecords: 255) == [0x00, 0x05, 0x01, 0x02, 0x01, 0xFF, 0xFF])
    }

    @Test func testTCPRecordCountIsFourBytesBigEndian() {
        #expect(TeltonikaCodec.encodeTCPRecordCount(4) == [0, 0, 0, 4])
        #expect(TeltonikaCodec.encodeTCPRecordCount(0x0102_0304) == [1, 2, 3, 4])
    }

    @Test func testCRC16IBMCheckValue() {
        #expect(TeltonikaCRC.crc16IBM(Array("123456789".utf8)) == 0xBB3D)
        #expect(TeltonikaCRC.crc16IBM([]) == 0)
    }

    @Test func testIMEIHandshake() throws {
        let bytes = hex("000F333536333037303432343431303133")
        #expect(try bytes.withUnsafeBytes { raw throws(TeltonikaError) in try TeltonikaCodec.decodeIMEIHandshake(raw) } == "356307042441013")
        #expect(TeltonikaCodec.encodeIMEIHandshake("356307042441013") == bytes)
        let decode = { (raw: UnsafeRawBufferPointer) throws(TeltonikaError) in _ = try TeltonikaCodec.decodeIMEIHandshake(raw) }
        #expect(Self.refusal(Array(bytes.dropLast()), decode) == .truncated)
        #expect(Self.refusal(bytes + [0x30], decode) == .badLength)
        #expect(Self.refusal([0x00, 0x04] + Array("3563".utf8), decode) == .badIMEI)
        var letter = bytes
        letter[5] = UInt8(ascii: "A")
        #expect(Self.refusal(letter, decode) == .badIMEI)
        #expect(Self.refusal([0x00], decode) == .truncated)
    }

    @Test func testUDPRefusals() {
        let decode = { (raw: UnsafeRawBufferPointer) throws(TeltonikaError) in _ = try TeltonikaCodec.decodeUDP(raw) }
        let valid = Self.wiki8UDP
        #expect(Self.refusal(valid, decode) == nil)
        #expect(Self.refusal([], decode) == .truncated)
        #expect(Self.refusal(Array(valid.dropLast()), decode) == .badLength)

        func patched(_ body: (inout [UInt8]) -> Void) -> [UInt8] {
            var bytes = valid
            body(&bytes)
            bytes[0] = UInt8((bytes.count - 2) >> 8)
            bytes[1] = UInt8((bytes.count - 2) & 0xFF)
            return bytes
        }
        #expect(Self.refusal(patched { $0.removeLast() }, decode) == .truncated)  // number of data 2 missing
        #expect(Self.refusal(patched { $0.append(0) }, decode) == .trailingBytes)
        #expect(Self.refusal(patched { $0[23] = 0x10 }, decode) == .unknownCodec)  // Codec 16
        #expect(Self.refusal(patched { $0[24] = 0 }, decode) == .noRecords)
        #expect(Self.refusal(patched { $0[$0.count - 1] = 2 }, decode) == .recordCountMismatch)
        #expect(Self.refusal(patched { $0[10] = UInt8(ascii: "x") }, decode) == .badIMEI)
        // N total 3 -> 4 while the groups hold 3 elements.
        #expect(Self.refusal(patched { $0[50] = 4 }, decode) == .ioCountMismatch)
        #expect(Self.refusal(Array(repeating: 0, count: TeltonikaLayout.maxUDPDatagramLength + 1), decode) == .frameTooLarge)
    }

    @Test func testTCPRefusals() throws {
        let decode = { (raw: UnsafeRawBufferPointer) throws(TeltonikaError) in _ = try TeltonikaCodec.decodeTCPFrame(raw) }
        let udp = try Self.wiki8UDP.withUnsafeBytes { raw throws(TeltonikaError) in try TeltonikaCodec.decodeUDP(raw) }
        let valid = TeltonikaCodec.encodeTCPFrame(avl: udp.avl)
        #expect(Self.refusal(valid, decode) == nil)
        #expect(Self.refusal(Array(valid.prefix(7)), decode) == .truncated)
        #expect(Self.refusal(Array(valid.dropLast()), decode) == .truncated)
        #expect(Self.refusal(valid + [0], decode) == .badLength)
        var preamble = valid
        preamble[3] = 1
        #expect(Self.refusal(preamble, decode) == .badPreamble)
        var flipped = valid
        flipped[20] ^= 0x01
        #expect(Self.refusal(flipped, decode) == .crcMismatch)
        var highCRC = valid
        highCRC[highCRC.count - 4] = 1
        #expect(Self.refusal(highCRC, decode) == .crcMismatch)
        #expect(Self.refusal([0, 0, 0, 0, 0, 0x01, 0, 0], decode) == .frameTooLarge)
        #expect(Self.refusal([0, 0, 0, 0, 0, 0, 0, 0], decode) == .badLength)
        let length = { (bytes: [UInt8]) throws -> Int? in
            try bytes.withUnsafeBytes { raw throws(TeltonikaError) in try TeltonikaCodec.tcpFrameLength(raw) }
        }
        #expect(try length(Array(valid.prefix(7))) == nil)
        #expect(try length(Array(valid.prefix(8))) == valid.count)
    }

    @Test func testErrorReasonsAreStable() {
        #expect(TeltonikaError.crcMismatch.reason == "crc_mismatch")
        #expect(TeltonikaError.recordCountMismatch.reason == "record_count_mismatch")
        #expect(TeltonikaError.badIMEI.reason == "bad_imei")
        #expect(TeltonikaError.unknownCodec.reason == "unknown_codec")
        #expect(TeltonikaError.frameTooLarge.reason == "frame_too_large")
    }
}
