/// Reading one AVL record: timestamp, priority, GPS element, IO element.
extension TeltonikaCodec {
    static func decodeRecord(_ reader: inout TeltonikaReader, codec: TeltonikaCodecID) throws(TeltonikaError) -> TeltonikaRecord {
        let timestamp = try reader.uint64()
        let priority = try reader.uint8()
        let longitude = Int32(bitPattern: try reader.uint32())
        let latitude = Int32(bitPattern: try reader.uint32())
        let altitude = Int16(bitPattern: try reader.uint16())
        let angle = try reader.uint16()
        let satellites = try reader.uint8()
        let speed = try reader.uint16()

        // Codec 8 Extended widens the event id, every count and every IO id to 2 bytes.
        let wide = codec.isExtended
        func count() throws(TeltonikaError) -> Int {
            wide ? Int(try reader.uint16()) : Int(try reader.uint8())
        }
        func id() throws(TeltonikaError) -> UInt16 {
            wide ? try reader.uint16() : UInt16(try reader.uint8())
        }

        let eventIOID = try id()
        let total = try count()
        var elements: [TeltonikaRecord.IOElement] = []
        // Each element takes at least 2 bytes, so a bogus total cannot make us reserve much.
        elements.reserveCapacity(min(total, reader.remaining / 2))
        var seen = 0
        for width in [1, 2, 4, 8] {
            let groupCount = try count()
            seen += groupCount
            for _ in 0..<groupCount {
                let elementID = try id()
                let value: TeltonikaIOValue
                switch width {
                case 1: value = .uint8(try reader.uint8())
                case 2: value = .uint16(try reader.uint16())
                case 4: value = .uint32(try reader.uint32())
                default: value = .uint64(try reader.uint64())
                }
                elements.append((id: elementID, value: value))
            }
        }
        if wide {
            let groupCount = Int(try reader.uint16())
            seen += groupCount
            for _ in 0..<groupCount {
                let elementID = try reader.uint16()
                let length = Int(try reader.uint16())
                elements.append((id: elementID, value: .bytes(try reader.bytes(length))))
            }
        }
        guard seen == total else { throw .ioCountMismatch }
        return TeltonikaRecord(
            timestamp: timestamp,
            priority: priority,
            longitude: longitude,
            latitude: latitude,
            altitude: altitude,
            angle: angle,
            satellites: satellites,
            speed: speed,
            eventIOID: eventIOID,
            ioElements: elements
        )
    }
}
