/// Reads one record body (the bytes between the length field and the CRC, CRC already checked).
enum TraceRecordDecoder {
    /// The record in `body`; `previousMicros` as for `TraceEncoder.record`. Throws the detail
    /// and the offset within the body of the field at fault.
    static func decode(_ body: ArraySlice<UInt8>, previousMicros: Int64) throws(Failure) -> TraceRecord {
        var cursor = ByteCursor(body)
        guard let delta = cursor.varint() else { throw Failure(at: cursor.consumed, "bad arrival time varint") }
        let kindOffset = cursor.consumed
        guard let kindByte = cursor.uint8() else { throw Failure(at: kindOffset, "no port kind") }
        guard let kind = TracePortKind(rawValue: kindByte) else {
            throw Failure(at: kindOffset, "unknown port kind \(kindByte)")
        }
        let source = try address(&cursor)
        let lengthOffset = cursor.consumed
        guard let length = cursor.integer(UInt16.self) else { throw Failure(at: lengthOffset, "no payload length") }
        guard Int(length) == cursor.remaining else {
            throw Failure(at: lengthOffset, "payload length \(length) but \(cursor.remaining) bytes left in the record")
        }
        let payload = cursor.bytes(Int(length)) ?? []
        return TraceRecord(
            arrivalMicros: previousMicros &+ ZigZag.decode(delta),
            kind: kind,
            source: source,
            payload: payload
        )
    }

    private static func address(_ cursor: inout ByteCursor) throws(Failure) -> TraceSourceAddress {
        let familyOffset = cursor.consumed
        switch cursor.uint8() {
        case TraceLayout.familyUnspecified:
            return .unspecified
        case TraceLayout.familyIPv4:
            guard let address = cursor.integer(UInt32.self), let port = cursor.integer(UInt16.self) else {
                throw Failure(at: familyOffset, "IPv4 source cut short")
            }
            return .ipv4(address: address, port: port)
        case TraceLayout.familyIPv6:
            guard let address = cursor.integer(UInt128.self), let port = cursor.integer(UInt16.self) else {
                throw Failure(at: familyOffset, "IPv6 source cut short")
            }
            return .ipv6(address: address, port: port)
        case let family:
            throw Failure(at: familyOffset, "unknown address family \(family.map(String.init) ?? "(none)")")
        }
    }

    /// A field that does not decode: its offset within the body and what is wrong.
    struct Failure: Error {
        var offset: Int
        var detail: String

        init(at offset: Int, _ detail: String) {
            self.offset = offset
            self.detail = detail
        }
    }
}
