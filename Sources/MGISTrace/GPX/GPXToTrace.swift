import MGISCore
import MGISProtocol

/// Turns GPX tracks into MTP/1 traffic: one device per track, its points as signed POSITIONS
/// datagrams arriving when their last fix was taken.
///
/// - Device ids: `firstDeviceID`, `firstDeviceID + 1`, ... in track order; each must have a
///   key in `keys` (make one with `KeyFile.generate` and write it out for the server).
/// - Datagrams: a device's points in document order, `fixesPerDatagram` at a time (a segment
///   break does not end a datagram); seq from `firstSeq`, +1 a datagram.
/// - Arrival: the newest fix time of the datagram, relative to the earliest fix of the file.
///   Datagrams are ordered by arrival, then device.
/// - Fix fields: speed and heading from the previous point of the same segment (the first point
///   of a segment uses the next; a lone point has them unknown); altitude from `<ele>` rounded
///   to metres, unknown without; satellites and HDOP from `<sat>` / `<hdop>` when given;
///   flags fix valid, ignition, external power, and moving above 0.5 m/s; battery unknown.
///   MTP/1 carries centiseconds: milliseconds below 10 are dropped.
public struct GPXToTrace: Sendable {
    public var keys: KeyFile
    public var firstDeviceID: UInt32
    public var fixesPerDatagram: Int
    public var firstSeq: UInt32

    public init(keys: KeyFile, firstDeviceID: UInt32, fixesPerDatagram: Int = 1, firstSeq: UInt32 = 1) {
        precondition((1...MTPLayout.maxRecords).contains(fixesPerDatagram), "MTP/1 carries 1 ... 50 fixes a datagram")
        precondition(firstDeviceID > 0, "device ids start at 1")
        self.keys = keys
        self.firstDeviceID = firstDeviceID
        self.fixesPerDatagram = fixesPerDatagram
        self.firstSeq = firstSeq
    }

    public func convert(_ document: GPXDocument) throws(GPXError) -> GPXTrace {
        let start = document.tracks.lazy.flatMap(\.points).map(\.timeMillis).min() ?? 0
        var pending: [(arrival: Int64, device: UInt32, record: TraceRecord)] = []
        var devices: [UInt32] = []
        for (index, track) in document.tracks.enumerated() {
            let (device, overflow) = firstDeviceID.addingReportingOverflow(UInt32(truncatingIfNeeded: index))
            guard !overflow, index <= Int(UInt32.max) else { throw GPXError(line: track.line, message: "device ids run past \(UInt32.max)") }
            guard let key = keys.key(for: device) else {
                throw GPXError(line: track.line, message: "no key for device \(device) (track \(index + 1)) in the key file")
            }
            devices.append(device)
            let authenticator = MTPAuthenticator(key: key)
            let fixes = try Self.fixes(of: track)
            for (batch, chunk) in stride(from: 0, to: fixes.count, by: fixesPerDatagram).enumerated() {
                let slice = Array(fixes[chunk..<min(chunk + fixesPerDatagram, fixes.count)])
                let seq = firstSeq &+ UInt32(truncatingIfNeeded: batch)
                let bytes = MTPCodec.encode(device: device, seq: seq, fixes: slice, authenticator: authenticator)
                let arrival = (slice.map(\.timeMillis).max() ?? start) - start
                let record = TraceRecord(arrivalMicros: arrival * 1000, kind: .mtp, source: .unspecified, payload: bytes)
                pending.append((arrival, device, record))
            }
        }
        // Stable: within one device and time the seq order is kept.
        let ordered = pending.enumerated().sorted { ($0.element.arrival, $0.element.device, $0.offset) < ($1.element.arrival, $1.element.device, $1.offset) }
        return GPXTrace(startMillis: start, records: ordered.map(\.element.record), deviceIDs: devices)
    }

    static func fixes(of track: GPXTrack) throws(GPXError) -> [Fix] {
        var fixes: [Fix] = []
        for segment in track.segments {
            for (index, point) in segment.enumerated() {
                guard (0...Int64(UInt32.max) * 1000).contains(point.timeMillis) else {
                    throw GPXError(line: point.line, message: "time is outside what MTP/1 carries (1970 ... 2106)")
                }
                let motion: (speedCmS: UInt16, headingCentiDeg: UInt16)
                if index > 0 {
                    motion = TrackMotion.between(segment[index - 1].wire, point.wire)
                } else if segment.count > 1 {
                    motion = TrackMotion.between(point.wire, segment[1].wire)
                } else {
                    motion = (Fix.unknownSpeed, Fix.unknownHeading)
                }
                var flags: FixFlags = [.fixValid, .ignition, .externalPower]
                if motion.speedCmS != Fix.unknownSpeed, motion.speedCmS > 50 { flags.insert(.moving) }
                fixes.append(Fix(
                    timeMillis: point.timeMillis,
                    latE7: point.latE7,
                    lonE7: point.lonE7,
                    speedCmS: motion.speedCmS,
                    headingCentiDeg: motion.headingCentiDeg,
                    altitudeM: point.elevationMeters.map { Int16(clamping: Int(max(-32_767, min(32_767, $0.rounded())))) } ?? Fix.unknownAltitude,
                    hdopTenths: point.hdop.map { UInt8(min(254, ($0 * 10).rounded())) } ?? Fix.unknownHDOP,
                    satellites: point.satellites.map { UInt8(min(255, $0)) } ?? 0,
                    flags: flags
                ))
            }
        }
        return fixes
    }
}

extension GPXPoint {
    fileprivate var wire: (latE7: Int32, lonE7: Int32, millis: Int64) { (latE7, lonE7, timeMillis) }
}
