import MGISProtocol
import Testing

/// Records built here encode and decode back to themselves over UDP and TCP, both codecs.
@Suite struct TeltonikaRoundTripTests {
    static let imei = "352093086403655"

    static func randomRecord(codec: TeltonikaCodecID, using generator: inout some RandomNumberGenerator) -> TeltonikaRecord {
        let maxID: UInt16 = codec.isExtended ? .max : 255
        func id() -> UInt16 { UInt16.random(in: 0...maxID, using: &generator) }
        // Elements in group order (1, 2, 4, 8 bytes, variable): the order the wire keeps.
        var elements: [TeltonikaRecord.IOElement] = []
        for _ in 0..<Int.random(in: 0...6, using: &generator) { elements.append((id(), .uint8(.random(in: 0...UInt8.max, using: &generator)))) }
        for _ in 0..<Int.random(in: 0...4, using: &generator) { elements.append((id(), .uint16(.random(in: 0...UInt16.max, using: &generator)))) }
        for _ in 0..<Int.random(in: 0...3, using: &generator) { elements.append((id(), .uint32(.random(in: 0...UInt32.max, using: &generator)))) }
        for _ in 0..<Int.random(in: 0...2, using: &generator) { elements.append((id(), .uint64(.random(in: 0...UInt64.max, using: &generator)))) }
        if codec.isExtended {
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let value = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                elements.append((id(), .bytes(value)))
            }
        }
        return TeltonikaRecord(
            timestamp: .random(in: 0...UInt64.max, using: &generator),
            priority: .random(in: 0...2, using: &generator),
            longitude: .random(in: -1_800_000_000...1_800_000_000, using: &generator),
            latitude: .random(in: -900_000_000...900_000_000, using: &generator),
            altitude: .random(in: .min ... .max, using: &generator),
            angle: .random(in: 0...360, using: &generator),
            satellites: .random(in: 0...UInt8.max, using: &generator),
            speed: .random(in: 0...UInt16.max, using: &generator),
            eventIOID: id(),
            ioElements: elements
        )
    }

    static func roundTrip(_ avl: TeltonikaAVLData, packetID: UInt16 = 0xCAFE, avlPacketID: UInt8 = 7) throws {
        let datagram = TeltonikaCodec.encodeUDP(packetID: packetID, avlPacketID: avlPacketID, imei: imei, avl: avl)
        let packet = try datagram.withUnsafeBytes { raw throws(TeltonikaError) in try TeltonikaCodec.decodeUDP(raw) }
        #expect(packet.avl == avl)
        #expect(packet.packetID == packetID && packet.avlPacketID == avlPacketID && packet.unused == 1)
        #expect(packet.imei == imei && Int(packet.length) == datagram.count - 2)

        let frame = TeltonikaCodec.encodeTCPFrame(avl: avl)
        let decoded = try frame.withUnsafeBytes { raw throws(TeltonikaError) in try TeltonikaCodec.decodeTCPFrame(raw) }
        #expect(decoded.avl == avl)
        #expect(Int(decoded.dataFieldLength) == frame.count - 12)
        #expect(try frame.withUnsafeBytes { raw throws(TeltonikaError) in try TeltonikaCodec.tcpFrameLength(raw) } == frame.count)
    }

    @Test(arguments: TeltonikaCodecID.allCases)
    func testRandomRecordsRoundTrip(codec: TeltonikaCodecID) throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let records = (0..<Int.random(in: 1...20, using: &generator)).map { _ in Self.randomRecord(codec: codec, using: &generator) }
            try Self.roundTrip(
                TeltonikaAVLData(codecID: codec, records: records),
                packetID: .random(in: 0...UInt16.max, using: &generator),
                avlPacketID: .random(in: 0...UInt8.max, using: &generator)
            )
        }
    }

    @Test(arguments: TeltonikaCodecID.allCases)
    func testTheLargestRecordCountRoundTrips(codec: TeltonikaCodecID) throws {
        var generator = SystemRandomNumberGenerator()
        let records = (0..<255).map { _ in Self.randomRecord(codec: codec, using: &generator) }
        try Self.roundTrip(TeltonikaAVLData(codecID: codec, records: records))
    }

    @Test func testVariableLengthElementsRoundTripIncludingEmptyAndLong() throws {
        let record = TeltonikaRecord(
            timestamp: 1_560_407_121_000, priority: 1, longitude: 252_616_688, latitude: 546_992_512,
            altitude: 112, angle: 359, satellites: 12, speed: 63, eventIOID: 385,
            ioElements: [
                (id: 239, value: .uint8(1)),
                (id: 385, value: .bytes(Array(repeating: 0xAB, count: 1_000))),
                (id: 11_317, value: .bytes([])),
                (id: 0xFFFF, value: .bytes([0x01, 0x02, 0x03])),
            ]
        )
        try Self.roundTrip(TeltonikaAVLData(codecID: .codec8Extended, records: [record]))
    }

    @Test func testEncoderReproducesTheWikiCodec8Example() throws {
        // alim-zanibekov/teltonika TestCodecs8EncodeUDP inputs; bytes from the Teltonika wiki.
        let record = TeltonikaRecord(
            timestamp: 1_560_407_006_000, priority: 1, longitude: 0, latitude: 0, altitude: 0, angle: 0,
            satellites: 0, speed: 0, eventIOID: 1,
            ioElements: [(id: 21, value: .uint8(3)), (id: 1, value: .uint8(1)), (id: 66, value: .uint16(0x5DBC))]
        )
        let bytes = TeltonikaCodec.encodeUDP(
            packetID: 0xCAFE, avlPacketID: 5, imei: "352093086403655",
            avl: TeltonikaAVLData(codecID: .codec8, records: [record])
        )
        #expect(bytes == hex("003DCAFE0105000F33353230393330383634303336353508010000016B4F815B30010000000000000000000000000000000103021503010101425DBC000001"))
    }
}

func hex(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        out.append(UInt8(text[index..<next], radix: 16)!)
        index = next
    }
    return out
}
