/// Decodes and encodes Teltonika Codec 8 and Codec 8 Extended exactly as the manufacturer's wiki
/// ("Teltonika Data Sending Protocols") documents them, for the UDP channel and for TCP.
///
/// Pure functions over bytes: no I/O, no clocks, no logging. Every length is checked exactly and
/// trailing bytes are refused, so a datagram either decodes completely or not at all; the
/// server must not ACK records it did not fully understand.
public enum TeltonikaCodec {
    /// Decodes one UDP datagram: channel header, AVL packet header (AVL packet id, IMEI), AVL data.
    ///
    /// Checks, in order: size cap, header present, length field equals the bytes after it, IMEI
    /// length is 15 and all digits, then the AVL data (see `decodeAVL`).
    public static func decodeUDP(_ bytes: UnsafeRawBufferPointer) throws(TeltonikaError) -> TeltonikaUDPPacket {
        guard bytes.count <= TeltonikaLayout.maxUDPDatagramLength else { throw .frameTooLarge }
        guard bytes.count >= TeltonikaLayout.udpHeaderLength else { throw .truncated }
        let length = bytes.readUInt16(at: 0)
        guard Int(length) == bytes.count - 2 else { throw .badLength }
        let imeiLength = Int(bytes.readUInt16(at: 6))
        let imeiEnd = TeltonikaLayout.udpHeaderLength + imeiLength
        guard imeiLength == TeltonikaLayout.imeiLength else { throw .badIMEI }
        guard bytes.count >= imeiEnd else { throw .truncated }
        let imei = try imeiString(bytes, from: TeltonikaLayout.udpHeaderLength, count: imeiLength)
        let avl = try decodeAVL(UnsafeRawBufferPointer(rebasing: bytes[imeiEnd...]))
        return TeltonikaUDPPacket(
            length: length,
            packetID: bytes.readUInt16(at: 2),
            unused: bytes.readUInt8(at: 4),
            avlPacketID: bytes.readUInt8(at: 5),
            imei: imei,
            avl: avl
        )
    }

    /// The total length of the TCP frame that starts `prefix`, once its first 8 bytes are known;
    /// `nil` while fewer than 8 bytes have arrived. For stream framing in the TCP listener.
    ///
    /// Throws `badPreamble`, `badLength` (data field length 0) or `frameTooLarge`, after which
    /// the connection should be closed: a stream cannot be resynchronised.
    public static func tcpFrameLength(_ prefix: UnsafeRawBufferPointer) throws(TeltonikaError) -> Int? {
        guard prefix.count >= TeltonikaLayout.tcpPrefixLength else { return nil }
        guard prefix.readUInt32(at: 0) == 0 else { throw .badPreamble }
        let dataLength = prefix.readUInt32(at: 4)
        guard dataLength > 0 else { throw .badLength }
        guard dataLength <= TeltonikaLayout.maxAVLDataLength else { throw .frameTooLarge }
        return TeltonikaLayout.tcpPrefixLength + Int(dataLength) + TeltonikaLayout.tcpCRCLength
    }

    /// Decodes one complete TCP frame: preamble, data field length, AVL data, CRC.
    ///
    /// The CRC is checked before the AVL data is parsed, so corrupt bytes are reported as
    /// `crcMismatch` rather than as whatever structural error they happen to cause.
    public static func decodeTCPFrame(_ bytes: UnsafeRawBufferPointer) throws(TeltonikaError) -> TeltonikaTCPFrame {
        guard let frameLength = try tcpFrameLength(bytes) else { throw .truncated }
        guard bytes.count >= frameLength else { throw .truncated }
        guard bytes.count == frameLength else { throw .badLength }
        let dataEnd = frameLength - TeltonikaLayout.tcpCRCLength
        let data = UnsafeRawBufferPointer(rebasing: bytes[TeltonikaLayout.tcpPrefixLength..<dataEnd])
        let crc = bytes.readUInt32(at: dataEnd)
        // The wiki: "CRC-16 is 4 bytes, but first two are zeroes".
        guard crc == UInt32(TeltonikaCRC.crc16IBM(data)) else { throw .crcMismatch }
        return TeltonikaTCPFrame(dataFieldLength: UInt32(data.count), avl: try decodeAVL(data), crc: crc)
    }

    /// Decodes the IMEI a tracker sends first on a TCP connection: 2-byte length, ASCII IMEI.
    public static func decodeIMEIHandshake(_ bytes: UnsafeRawBufferPointer) throws(TeltonikaError) -> String {
        guard bytes.count >= 2 else { throw .truncated }
        let imeiLength = Int(bytes.readUInt16(at: 0))
        guard imeiLength == TeltonikaLayout.imeiLength else { throw .badIMEI }
        guard bytes.count >= 2 + imeiLength else { throw .truncated }
        guard bytes.count == 2 + imeiLength else { throw .badLength }
        return try imeiString(bytes, from: 2, count: imeiLength)
    }

    /// Decodes AVL data from codec id to number of data 2, with nothing after it.
    ///
    /// Checks: known codec, 1 ... 255 records, each record's IO total equal to the sum of its
    /// group counts, number of data 2 equal to number of data 1, no trailing bytes. Field values
    /// (coordinates, priority, angle) are kept as sent; range policy belongs to the ingest side.
    public static func decodeAVL(_ bytes: UnsafeRawBufferPointer) throws(TeltonikaError) -> TeltonikaAVLData {
        guard bytes.count <= TeltonikaLayout.maxAVLDataLength else { throw .frameTooLarge }
        var reader = TeltonikaReader(bytes)
        guard let codec = TeltonikaCodecID(rawValue: try reader.uint8()) else { throw .unknownCodec }
        let count = try reader.uint8()
        guard count > 0 else { throw .noRecords }
        var records: [TeltonikaRecord] = []
        records.reserveCapacity(Int(count))
        for _ in 0..<count {
            records.append(try decodeRecord(&reader, codec: codec))
        }
        guard try reader.uint8() == count else { throw .recordCountMismatch }
        guard reader.remaining == 0 else { throw .trailingBytes }
        return TeltonikaAVLData(codecID: codec, records: records)
    }

    private static func imeiString(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int) throws(TeltonikaError) -> String {
        let digits = bytes[start..<(start + count)]
        guard digits.allSatisfy({ (0x30...0x39).contains($0) }) else { throw .badIMEI }
        return String(decoding: digits, as: UTF8.self)
    }
}
