public import MGISCore

/// Decodes and encodes MTP/1 datagrams exactly as PROTOCOL.md fixes them.
///
/// Pure functions over bytes: no I/O, no clocks, no logging. The decoder is split in steps so
/// the ingest path can check structure before it looks up a key, and the key before it reads
/// records.
public enum MTPCodec {
    /// Checks the structure of a tracker-to-server datagram and reads its header and tag.
    ///
    /// Checks, in order: enough bytes for a header, magic, version, kind, count's range, exact
    /// length. Record fields are checked by `decodeRecords`.
    public static func parseHeader(_ bytes: UnsafeRawBufferPointer) throws(MTPError) -> MTPHeader {
        guard bytes.count >= MTPLayout.minimumLength else { throw .truncated }
        guard bytes.readUInt16(at: 0) == MTPLayout.magic else { throw .wrongMagic }
        guard bytes.readUInt8(at: 2) == MTPLayout.version else { throw .wrongVersion }
        let kind: MTPKind
        switch bytes.readUInt8(at: 3) {
        case MTPKind.positions.rawValue: kind = .positions
        case MTPKind.heartbeat.rawValue: kind = .heartbeat
        default: throw .wrongKind
        }
        let count = bytes.readUInt8(at: 12)
        switch kind {
        case .positions: guard count >= 1, Int(count) <= MTPLayout.maxRecords else { throw .badCount }
        case .heartbeat: guard count == 0 else { throw .badCount }
        case .ack: throw .wrongKind
        }
        let expected = MTPLayout.length(forCount: Int(count))
        guard bytes.count >= expected else { throw .truncated }
        guard bytes.count == expected else { throw .badLength }
        return MTPHeader(
            kind: kind,
            device: bytes.readUInt32(at: 4),
            seq: bytes.readUInt32(at: 8),
            count: count,
            tag: bytes.readUInt64(at: expected - MTPLayout.tagLength)
        )
    }

    /// Checks the tag of a datagram whose header `parseHeader` accepted.
    public static func verifyTag(
        _ bytes: UnsafeRawBufferPointer,
        header: MTPHeader,
        authenticator: MTPAuthenticator
    ) throws(MTPError) {
        let signed = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - MTPLayout.tagLength)])
        guard authenticator.isValid(tag: header.tag, for: signed) else { throw .badTag }
    }

    /// Decodes and range-checks the records of a datagram whose header `parseHeader` accepted.
    public static func decodeRecords(_ bytes: UnsafeRawBufferPointer, header: MTPHeader) throws(MTPError) -> [Fix] {
        var fixes: [Fix] = []
        fixes.reserveCapacity(Int(header.count))
        for index in 0..<Int(header.count) {
            let offset = MTPLayout.headerLength + index * MTPLayout.recordLength
            fixes.append(try decodeRecord(bytes, at: offset))
        }
        return fixes
    }

    /// Checks every record's field ranges without building fixes: the cheap structural pass.
    public static func validateRecords(_ bytes: UnsafeRawBufferPointer, header: MTPHeader) throws(MTPError) {
        for index in 0..<Int(header.count) {
            _ = try decodeRecord(bytes, at: MTPLayout.headerLength + index * MTPLayout.recordLength)
        }
    }

    /// Decodes one 24-byte position record at `offset`.
    public static func decodeRecord(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(MTPError) -> Fix {
        let seconds = bytes.readUInt32(at: offset)
        let lat = Int32(bitPattern: bytes.readUInt32(at: offset + 4))
        let lon = Int32(bitPattern: bytes.readUInt32(at: offset + 8))
        let speed = bytes.readUInt16(at: offset + 12)
        let heading = bytes.readUInt16(at: offset + 14)
        let altitude = Int16(bitPattern: bytes.readUInt16(at: offset + 16))
        let hdop = bytes.readUInt8(at: offset + 18)
        let sats = bytes.readUInt8(at: offset + 19)
        let flags = bytes.readUInt16(at: offset + 20)
        let battery = bytes.readUInt8(at: offset + 22)
        let centis = bytes.readUInt8(at: offset + 23)
        guard (-900_000_000...900_000_000).contains(lat) else { throw .latitudeOutOfRange }
        guard (-1_800_000_000...1_800_000_000).contains(lon) else { throw .longitudeOutOfRange }
        guard heading <= 35_999 || heading == Fix.unknownHeading else { throw .headingOutOfRange }
        guard battery <= 100 || battery == Fix.unknownBattery else { throw .batteryOutOfRange }
        guard centis <= 99 else { throw .centisOutOfRange }
        return Fix(
            timeMillis: Int64(seconds) * 1000 + Int64(centis) * 10,
            latE7: lat,
            lonE7: lon,
            speedCmS: speed,
            headingCentiDeg: heading,
            altitudeM: altitude,
            hdopTenths: hdop,
            satellites: sats,
            flags: FixFlags(rawValue: flags),
            batteryPercent: battery
        )
    }

    /// Encodes a POSITIONS (`fixes` not empty) or HEARTBEAT (`fixes` empty) datagram and signs it.
    ///
    /// Fix times are written as whole seconds plus centiseconds; milliseconds below 10 are dropped,
    /// as the wire cannot carry them.
    public static func encode(
        device: UInt32,
        seq: UInt32,
        fixes: [Fix],
        authenticator: MTPAuthenticator
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(MTPLayout.length(forCount: fixes.count))
        out.appendBigEndian(MTPLayout.magic)
        out.append(MTPLayout.version)
        out.append(fixes.isEmpty ? MTPKind.heartbeat.rawValue : MTPKind.positions.rawValue)
        out.appendBigEndian(device)
        out.appendBigEndian(seq)
        out.append(UInt8(truncatingIfNeeded: fixes.count))
        for fix in fixes {
            appendRecord(fix, to: &out)
        }
        out.appendBigEndian(authenticator.tag(for: out))
        return out
    }

    /// Appends the 24-byte record of `fix`.
    public static func appendRecord(_ fix: Fix, to out: inout [UInt8]) {
        let seconds = fix.timeMillis.quotientAndRemainder(dividingBy: 1000)
        out.appendBigEndian(UInt32(truncatingIfNeeded: seconds.quotient))
        out.appendBigEndian(fix.latE7)
        out.appendBigEndian(fix.lonE7)
        out.appendBigEndian(fix.speedCmS)
        out.appendBigEndian(fix.headingCentiDeg)
        out.appendBigEndian(fix.altitudeM)
        out.append(fix.hdopTenths)
        out.append(fix.satellites)
        out.appendBigEndian(fix.flags.rawValue)
        out.append(fix.batteryPercent)
        out.append(UInt8(truncatingIfNeeded: seconds.remainder / 10))
    }
}
