import MGISTrace
import Testing

@Suite struct CRC32Tests {
    @Test func testCheckValueMatchesTheStandard() {
        // The catalogue check value of CRC-32/ISO-HDLC, as zlib.crc32(b"123456789") gives it.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }
}
