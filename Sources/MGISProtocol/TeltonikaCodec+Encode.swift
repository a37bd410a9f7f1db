/// Encoders: the acknowledgements the server sends, and the packets trackers send (for tests and
/// the load tester).
///
/// Packet encoders take values the caller controls and trap on ones the wire cannot carry (see
/// `encodeAVLData`); they are not meant for bytes from the network.
extension TeltonikaCodec {
    /// The UDP acknowledgement: `00 05 <packet id> 01 <AVL packet id> <accepted records>`.
    ///
    /// The packet id is echoed as the wiki shows (Traccar sends 0000 instead; FMB firmware
    /// accepts the echo). Send it only after the records are durably stored.
    public static func encodeUDPAck(packetID: UInt16, avlPacketID: UInt8, acceptedRecords: UInt8) -> [UInt8] {
        var out: [UInt8] = [0x00, 0x05]
        out.appendBigEndian(packetID)
        out.append(0x01)
        out.append(avlPacketID)
        out.append(acceptedRecords)
        return out
    }

    /// The TCP acknowledgement: the number of records accepted, 4 bytes big-endian. A tracker
    /// that reads a number other than what it sent resends the packet.
    public static func encodeTCPRecordCount(_ count: UInt32) -> [UInt8] {
        var out: [UInt8] = []
        out.appendBigEndian(count)
        return out
    }

    /// The IMEI a tracker sends first on TCP: 2-byte length, ASCII digits.
    public static func encodeIMEIHandshake(_ imei: String) -> [UInt8] {
        var out: [UInt8] = []
        out.appendBigEndian(UInt16(truncatingIfNeeded: imei.utf8.count))
        out.append(contentsOf: imei.utf8)
        return out
    }

    /// AVL data from codec id to number of data 2.
    ///
    /// IO elements are written grouped by width (1, 2, 4, 8 bytes, then variable), keeping their
    /// order within a group, so records decoded from the wire re-encode byte for byte.
    /// Preconditions: 1 ... 255 records; for Codec 8, event and IO ids below 256, at most 255
    /// elements per group and no `.bytes` values; variable values at most 65 535 bytes.
    public static func encodeAVLData(_ data: TeltonikaAVLData) -> [UInt8] {
        precondition((1...255).contains(data.records.count), "Teltonika AVL data carries 1 ... 255 records")
        var out: [UInt8] = [data.codecID.rawValue, UInt8(data.records.count)]
        for record in data.records {
            appendRecord(record, codec: data.codecID, to: &out)
        }
        out.append(UInt8(data.records.count))
        return out
    }

    /// A UDP datagram; the length field is computed.
    public static func encodeUDP(
        packetID: UInt16,
        avlPacketID: UInt8,
        imei: String,
        avl: TeltonikaAVLData,
        unused: UInt8 = 0x01
    ) -> [UInt8] {
        let body = encodeAVLData(avl)
        let length = 2 + 1 + 1 + 2 + imei.utf8.count + body.count
        precondition(length <= Int(UInt16.max), "a Teltonika UDP datagram's length must fit 2 bytes")
        var out: [UInt8] = []
        out.reserveCapacity(2 + length)
        out.appendBigEndian(UInt16(length))
        out.appendBigEndian(packetID)
        out.append(unused)
        out.append(avlPacketID)
        out.appendBigEndian(UInt16(imei.utf8.count))
        out.append(contentsOf: imei.utf8)
        out.append(contentsOf: body)
        return out
    }

    /// Re-encodes a decoded packet; its `length` is recomputed, not copied.
    public static func encodeUDP(_ packet: TeltonikaUDPPacket) -> [UInt8] {
        encodeUDP(packetID: packet.packetID, avlPacketID: packet.avlPacketID, imei: packet.imei, avl: packet.avl, unused: packet.unused)
    }

    /// A TCP frame: preamble, data field length, AVL data, CRC-16/IBM in the low two of 4 bytes.
    public static func encodeTCPFrame(avl: TeltonikaAVLData) -> [UInt8] {
        let body = encodeAVLData(avl)
        var out: [UInt8] = [0, 0, 0, 0]
        out.reserveCapacity(body.count + 12)
        out.appendBigEndian(UInt32(body.count))
        out.append(contentsOf: body)
        out.appendBigEndian(UInt32(TeltonikaCRC.crc16IBM(body)))
        return out
    }

    private static func appendRecord(_ record: TeltonikaRecord, codec: TeltonikaCodecID, to out: inout [UInt8]) {
        out.appendBigEndian(record.timestamp)
        out.append(record.priority)
        out.appendBigEndian(record.longitude)
        out.appendBigEndian(record.latitude)
        out.appendBigEndian(record.altitude)
        out.appendBigEndian(record.angle)
        out.append(record.satellites)
        out.appendBigEndian(record.speed)

        let wide = codec.isExtended
        func appendID(_ value: UInt16) {
            if wide {
                out.appendBigEndian(value)
            } else {
                precondition(value <= UInt8.max, "Codec 8 IO ids are one byte")
                out.append(UInt8(value))
            }
        }
        func appendCount(_ value: Int) {
            if wide {
                precondition(value <= UInt16.max, "Codec 8 Extended IO counts are two bytes")
                out.appendBigEndian(UInt16(value))
            } else {
                precondition(value <= UInt8.max, "Codec 8 IO counts are one byte")
                out.append(UInt8(value))
            }
        }

        var groups: [[TeltonikaRecord.IOElement]] = [[], [], [], [], []]
        for element in record.ioElements {
            switch element.value {
            case .uint8: groups[0].append(element)
            case .uint16: groups[1].append(element)
            case .uint32: groups[2].append(element)
            case .uint64: groups[3].append(element)
            case .bytes: groups[4].append(element)
            }
        }
        precondition(wide || groups[4].isEmpty, "Codec 8 has no variable-length IO elements")

        appendID(record.eventIOID)
        appendCount(record.ioElements.count)
        for group in groups[0..<(wide ? 5 : 4)] {
            appendCount(group.count)
            for element in group {
                appendID(element.id)
                switch element.value {
                case .uint8(let value): out.append(value)
                case .uint16(let value): out.appendBigEndian(value)
                case .uint32(let value): out.appendBigEndian(value)
                case .uint64(let value): out.appendBigEndian(value)
                case .bytes(let bytes):
                    precondition(bytes.count <= UInt16.max, "variable IO values are at most 65 535 bytes")
                    out.appendBigEndian(UInt16(bytes.count))
                    out.append(contentsOf: bytes)
                }
            }
        }
    }
}
