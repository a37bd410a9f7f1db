import MGISCore
import MGISProtocol

/// Makes recorded datagrams acceptable to a different server: re-signs MTP/1 datagrams under
/// the target's device keys and shifts fix times so replayed fixes are current.
///
/// A replayed trace fails twice against a fresh server: its tags were made with the recording
/// server's keys (`bad_tag`), and its fix times lie in the past or, after enough loops, repeat
/// stored ones. This rewrites each datagram as the tracker would have sent it: same device,
/// same seq, same records with `time + shift`, tag made under the target key.
///
/// - MTP/1: decoded with `MTPCodec`, fix times shifted, re-encoded with `MTPCodec.encode`. With
///   the same key and no shift the output is byte-identical to the input.
/// - Teltonika: the UDP channel has no tag; record timestamps (ms) are shifted and the packet
///   re-encoded with `TeltonikaCodec.encodeUDP`. Without a shift the bytes pass unchanged.
/// - Anything that does not decode, devices missing from the target keys, and (when original
///   keys are given) datagrams whose tag did not verify at recording time are passed verbatim,
///   with the reason, so bad traffic replays as bad traffic.
public struct MTPResigner: Sendable {
    /// Added to every fix time, in milliseconds; a multiple of 10 (MTP/1 carries centiseconds).
    public let timeShiftMillis: Int64
    private let target: [UInt32: MTPAuthenticator]
    private let original: [UInt32: MTPAuthenticator]?

    /// - Parameters:
    ///   - targetKeys: the keys the target server holds.
    ///   - originalKeys: the recording server's keys, if known: datagrams that were not
    ///     authentic under them stay unauthentic. Without them every datagram is re-signed.
    ///   - timeShiftMillis: added to fix times; must be a multiple of 10 ms.
    public init(targetKeys: KeyFile, originalKeys: KeyFile? = nil, timeShiftMillis: Int64 = 0) throws(ReplayError) {
        guard timeShiftMillis % 10 == 0 else {
            throw ReplayError("time shift \(timeShiftMillis) ms is not a whole number of centiseconds, which MTP/1 cannot carry")
        }
        self.timeShiftMillis = timeShiftMillis
        self.target = Self.authenticators(targetKeys)
        self.original = originalKeys.map(Self.authenticators)
    }

    /// The payload of `record` to send.
    public func resign(_ record: TraceRecord) -> ResignedPayload {
        resign(record.payload, kind: record.kind)
    }

    /// `payload`, recorded on the port of `kind`, as it should be sent to the target.
    public func resign(_ payload: [UInt8], kind: TracePortKind) -> ResignedPayload {
        resign(payload, kind: kind, timeShiftMillis: timeShiftMillis)
    }

    /// As `resign(_:kind:)` with a shift of its own for this datagram, for a replay that keeps
    /// every fix current while it runs faster than recorded: the shift is then the distance
    /// from the datagram's recorded arrival to its send time. Rounded down to 10 ms.
    public func resign(_ payload: [UInt8], kind: TracePortKind, timeShiftMillis: Int64) -> ResignedPayload {
        let shift = timeShiftMillis - ((timeShiftMillis % 10) + 10) % 10
        switch kind {
        case .mtp: return resignMTP(payload, timeShiftMillis: shift)
        case .teltonikaUDP: return TeltonikaTimeShift.apply(shift, to: payload)
        }
    }

    private func resignMTP(_ payload: [UInt8], timeShiftMillis: Int64) -> ResignedPayload {
        func verbatim(_ reason: String) -> ResignedPayload {
            ResignedPayload(payload: payload, disposition: .verbatim(reason: reason))
        }
        let decoded = payload.withUnsafeBytes { raw -> Result<(MTPHeader, [Fix]), MTPError> in
            Result { () throws(MTPError) in
                let header = try MTPCodec.parseHeader(raw)
                if let original {
                    guard let authenticator = original[header.device] else { throw .badTag }
                    try MTPCodec.verifyTag(raw, header: header, authenticator: authenticator)
                }
                return (header, try MTPCodec.decodeRecords(raw, header: header))
            }
        }
        let header: MTPHeader
        var fixes: [Fix]
        switch decoded {
        case .success(let value): (header, fixes) = value
        case .failure(let error) where error == .badTag: return verbatim("not authentic under the original keys")
        case .failure(let error): return verbatim("malformed MTP/1 (\(error.reason))")
        }
        guard let authenticator = target[header.device] else {
            return verbatim("device \(header.device) is not in the target key file")
        }
        let latest = Int64(UInt32.max) * 1000 + 990
        for index in fixes.indices {
            let shifted = fixes[index].timeMillis + timeShiftMillis
            guard (0...latest).contains(shifted) else {
                return verbatim("fix time \(fixes[index].timeMillis) ms shifted by \(timeShiftMillis) ms leaves MTP/1's range")
            }
            fixes[index].timeMillis = shifted
        }
        let bytes = MTPCodec.encode(device: header.device, seq: header.seq, fixes: fixes, authenticator: authenticator)
        return ResignedPayload(payload: bytes, disposition: .rewritten)
    }

    private static func authenticators(_ keys: KeyFile) -> [UInt32: MTPAuthenticator] {
        Dictionary(uniqueKeysWithValues: keys.entries.map { ($0.id, MTPAuthenticator(key: $0.key)) })
    }
}
