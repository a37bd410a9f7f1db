import MGISProtocol

/// Shifts the record timestamps of a Teltonika UDP datagram; the channel has no tag to remake.
enum TeltonikaTimeShift {
    static func apply(_ shiftMillis: Int64, to payload: [UInt8]) -> ResignedPayload {
        func verbatim(_ reason: String) -> ResignedPayload {
            ResignedPayload(payload: payload, disposition: .verbatim(reason: reason))
        }
        guard shiftMillis != 0 else { return verbatim("Teltonika UDP has no tag and no time shift was asked") }
        let decoded = payload.withUnsafeBytes { raw in
            Result { () throws(TeltonikaError) in try TeltonikaCodec.decodeUDP(raw) }
        }
        var packet: TeltonikaUDPPacket
        switch decoded {
        case .success(let value): packet = value
        case .failure(let error): return verbatim("malformed Teltonika UDP (\(error.reason))")
        }
        for index in packet.avl.records.indices {
            let (shifted, overflow) = Int64(clamping: packet.avl.records[index].timestamp).addingReportingOverflow(shiftMillis)
            guard !overflow, shifted >= 0 else { return verbatim("a record time shifted by \(shiftMillis) ms is out of range") }
            packet.avl.records[index].timestamp = UInt64(shifted)
        }
        return ResignedPayload(payload: TeltonikaCodec.encodeUDP(packet), disposition: .rewritten)
    }
}
