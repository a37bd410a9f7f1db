extension MTPCodec {
    /// Encodes the server's ACK for one datagram, signed with the device's key.
    public static func encodeAck(
        device: UInt32,
        seq: UInt32,
        status: MTPAckStatus,
        authenticator: MTPAuthenticator
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(MTPLayout.ackLength)
        out.appendBigEndian(MTPLayout.magic)
        out.append(MTPLayout.version)
        out.append(MTPKind.ack.rawValue)
        out.appendBigEndian(device)
        out.appendBigEndian(seq)
        out.append(status.rawValue)
        out.appendBigEndian(authenticator.tag(for: out))
        return out
    }

    /// A decoded ACK.
    public struct Ack: Hashable, Sendable {
        public var device: UInt32
        public var seq: UInt32
        /// The raw status byte; `MTPAckStatus(rawValue:)` names the known ones.
        public var status: UInt8
        public var tag: UInt64
    }

    /// Decodes an ACK's fields without checking its tag (trackers check it with `verifyAck`).
    public static func decodeAck(_ bytes: UnsafeRawBufferPointer) throws(MTPError) -> Ack {
        guard bytes.count >= MTPLayout.ackLength else { throw .truncated }
        guard bytes.count == MTPLayout.ackLength else { throw .badLength }
        guard bytes.readUInt16(at: 0) == MTPLayout.magic else { throw .wrongMagic }
        guard bytes.readUInt8(at: 2) == MTPLayout.version else { throw .wrongVersion }
        guard bytes.readUInt8(at: 3) == MTPKind.ack.rawValue else { throw .wrongKind }
        return Ack(
            device: bytes.readUInt32(at: 4),
            seq: bytes.readUInt32(at: 8),
            status: bytes.readUInt8(at: 12),
            tag: bytes.readUInt64(at: 13)
        )
    }

    /// Decodes an ACK and checks its tag under the device's key.
    public static func verifyAck(_ bytes: UnsafeRawBufferPointer, authenticator: MTPAuthenticator) throws(MTPError) -> Ack {
        let ack = try decodeAck(bytes)
        let signed = UnsafeRawBufferPointer(rebasing: bytes[0..<13])
        guard authenticator.isValid(tag: ack.tag, for: signed) else { throw .badTag }
        return ack
    }
}
