import MGISCore
import MGISProtocol
import Testing

/// Every public packet in vectors.tsv decodes to what its note says, or is refused as it says.
@Suite struct TeltonikaVectorTests {
    static func udp(_ bytes: [UInt8]) -> Result<TeltonikaUDPPacket, TeltonikaError> {
        bytes.withUnsafeBytes { raw in Result { () throws(TeltonikaError) in try TeltonikaCodec.decodeUDP(raw) } }
    }

    static func tcp(_ bytes: [UInt8]) -> Result<TeltonikaTCPFrame, TeltonikaError> {
        bytes.withUnsafeBytes { raw in Result { () throws(TeltonikaError) in try TeltonikaCodec.decodeTCPFrame(raw) } }
    }

    @Test func testVectorFileHasEverySection() throws {
        let file = try TeltonikaVectors.load()
        #expect(file.section(.a).count == 7)
        #expect(file.section(.b).count == 3)
        #expect(file.section(.c).count == 32)
    }

    @Test func testSectionADecodesToTheNotedValues() throws {
        for vector in try TeltonikaVectors.load().section(.a) {
            let note = TeltonikaNote(text: vector.note)
            let where_ = "vectors.tsv line \(vector.line)"
            let packet: TeltonikaUDPPacket
            switch Self.udp(vector.bytes) {
            case .success(let decoded): packet = decoded
            case .failure(let error):
                Issue.record("\(where_): refused with \(error.reason)")
                continue
            }
            #expect(Int(packet.length) == vector.bytes.count - 2, "\(where_)")
            #expect(packet.imei == note.decoded("imei"), "\(where_)")
            #expect(Hex.encode([packet.avl.codecID.rawValue]) == note.decoded("codec")?.lowercased(), "\(where_)")
            #expect(packet.avl.records.count == note.decoded("n").flatMap { Int($0) }, "\(where_)")
            #expect("0x" + Hex.encode([packet.avlPacketID]) == note.decoded("avlId")?.lowercased(), "\(where_)")
            let first = try #require(packet.avl.records.first)
            #expect(first.timestamp == note.decoded("rec").flatMap(TeltonikaNote.millis), "\(where_)")
            #expect(first.latitude == note.decoded("lat").flatMap(TeltonikaNote.e7), "\(where_)")
            #expect(first.longitude == note.decoded("lon").flatMap(TeltonikaNote.e7), "\(where_)")
            #expect(first.speed == note.decoded("speed").flatMap { UInt16($0) }, "\(where_)")
            #expect(first.satellites == note.decoded("sats").flatMap { UInt8($0) }, "\(where_)")

            // The wiki-style ACK for the datagram, exactly as the checker computed it.
            let ack = TeltonikaCodec.encodeUDPAck(
                packetID: packet.packetID,
                avlPacketID: packet.avlPacketID,
                acceptedRecords: UInt8(packet.avl.records.count)
            )
            #expect(Hex.encode(ack) == note.decoded("ack_echo")?.lowercased(), "\(where_)")

            // Re-encoding reproduces the datagram byte for byte: nothing was lost or reordered.
            #expect(TeltonikaCodec.encodeUDP(packet) == vector.bytes, "\(where_)")
        }
    }

    /// The extra expectations the sources state beyond the checker's summary.
    @Test func testSectionASourceExpectations() throws {
        let vectors = try TeltonikaVectors.load().section(.a)
        let packets = vectors.compactMap { try? Self.udp($0.bytes).get() }
        try #require(packets.count == 7)

        // Wiki Codec 8 UDP example, alim-zanibekov encode inputs.
        let wiki8 = try #require(packets[1].avl.records.first)
        #expect(packets[1].packetID == 0xCAFE && packets[1].avlPacketID == 5)
        #expect(wiki8.timestamp == 1_560_407_006_000 && wiki8.priority == 1 && wiki8.eventIOID == 1)
        #expect(wiki8.ioElements.map(\.id) == [21, 1, 66])
        #expect(wiki8.ioElements.map(\.value) == [.uint8(3), .uint8(1), .uint16(0x5DBC)])

        // Wiki Codec 8 Extended UDP example.
        let wiki8E = try #require(packets[2].avl.records.first)
        #expect(packets[2].avl.codecID == .codec8Extended && packets[2].avlPacketID == 7)
        #expect(wiki8E.timestamp == 1_560_407_121_000 && wiki8E.priority == 1 && wiki8E.eventIOID == 1)
        #expect(wiki8E.ioElements.map(\.id) == [1, 17, 16, 11, 14])
        #expect(wiki8E.ioElements.map(\.value) == [
            .uint8(1), .uint16(0x009D), .uint32(0x015E_2C88), .uint64(0x3544_C87A), .uint64(0x1DD7_E06A),
        ])

        // filipkroca ExampleDecode (8E): priority 2, event 252, 19 IO elements.
        let capture8E = try #require(packets[3].avl.records.first)
        #expect(capture8E.timestamp == 1_545_914_096_000 && capture8E.priority == 2)
        #expect(capture8E.eventIOID == 252 && capture8E.ioElements.count == 19)

        // filipkroca ExampleDecode (8): first record in full.
        let capture8 = try #require(packets[6].avl.records.first)
        #expect(packets[6].imei == "352094089397464" && packets[6].avl.records.count == 4)
        #expect(capture8.timestamp == 1_528_069_090_050 && capture8.priority == 1)
        #expect(capture8.latitude == 491_403_133 && capture8.longitude == 170_206_400)
        #expect(capture8.altitude == 211 && capture8.angle == 303 && capture8.satellites == 19)
        #expect(capture8.speed == 50 && capture8.eventIOID == 66 && capture8.ioElements.count == 27)
    }

    @Test func testSectionBIsRefusedWithAReason() throws {
        for vector in try TeltonikaVectors.load().section(.b) {
            let note = TeltonikaNote(text: vector.note)
            guard case .failure(let error) = Self.udp(vector.bytes) else {
                Issue.record("vectors.tsv line \(vector.line): decoded, but must be refused")
                continue
            }
            if note.has("IMEI length field") {
                #expect(error == .badIMEI, "line \(vector.line): \(error.reason)")
            } else if note.has("UDP length") {
                #expect(error == .badLength, "line \(vector.line): \(error.reason)")
            } else {
                // Codec byte 8E over a Codec 8 body: strict 8E parsing cannot make sense of it.
                #expect(!error.reason.isEmpty)
            }
        }
    }

    @Test func testSectionCDecodesValidFramesAndRefusesTheRest() throws {
        for vector in try TeltonikaVectors.load().section(.c) {
            let note = TeltonikaNote(text: vector.note)
            let where_ = "vectors.tsv line \(vector.line)"
            let result = Self.tcp(vector.bytes)
            if note.has("not plain Codec 8") {
                // Traccar's non-standard extra IO group: CRC is fine, the body is not Codec 8.
                if case .failure(let error) = result {
                    #expect(error != .crcMismatch, "\(where_): \(error.reason)")
                } else {
                    Issue.record("\(where_): decoded a non-standard body as Codec 8")
                }
            } else if note.has("ERROR short read") {
                #expect(result.failure == .truncated, "\(where_)")
            } else if note.decoded("len_ok") == "False" {
                #expect(result.failure == .badLength || result.failure == .truncated, "\(where_): \(String(describing: result.failure))")
            } else if note.decoded("crc_ok") == "False" {
                #expect(result.failure == .crcMismatch, "\(where_)")
            } else {
                guard case .success(let frame) = result else {
                    Issue.record("\(where_): refused with \(result.failure?.reason ?? "?")")
                    continue
                }
                let counts = note.decoded("n")?.split(separator: "/").map(String.init)
                #expect(counts?.first == String(frame.avl.records.count), "\(where_)")
                #expect(Int(frame.dataFieldLength) == vector.bytes.count - 12, "\(where_)")
                let first = try #require(frame.avl.records.first)
                #expect(first.timestamp == note.decoded("first:").flatMap(TeltonikaNote.millis), "\(where_)")
                #expect(first.latitude == note.decoded("lat").flatMap(TeltonikaNote.e7), "\(where_)")
                #expect(first.longitude == note.decoded("lon").flatMap(TeltonikaNote.e7), "\(where_)")
                #expect(first.speed == note.decoded("speed_kph").flatMap { UInt16($0) }, "\(where_)")
                #expect(first.satellites == note.decoded("sats").flatMap { UInt8($0) }, "\(where_)")
                #expect(first.ioElements.count == note.decoded("io").flatMap { Int($0) }, "\(where_)")
                #expect(TeltonikaCodec.encodeTCPFrame(avl: frame.avl) == vector.bytes, "\(where_)")
            }
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
