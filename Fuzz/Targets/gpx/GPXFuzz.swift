import MGISCore
import MGISProtocol
import MGISTrace
import FuzzSupport

/// GPX files given to `mgis-load` and the replay tools (`GPXDocument.parse`, then `GPXToTrace`).
///
/// Invariants: a bad file is refused with a `GPXError` naming its line, never a trap (deep
/// nesting, entities, huge numbers, odd times); every datagram a conversion makes is one the
/// server's decoder accepts and whose tag verifies under the device's key.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGPX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let document = try? GPXDocument.parse(text) else { return 0 }
    // One key per track; more tracks than keys must be refused, not trap.
    let converter = GPXToTrace(keys: keys, firstDeviceID: 1, fixesPerDatagram: 3)
    guard let trace = try? converter.convert(document) else { return 0 }
    fuzzCheck(trace.deviceIDs.count == document.tracks.count, "one device per track")
    for record in trace.records {
        record.payload.withUnsafeBytes { bytes in
            guard let header = try? MTPCodec.parseHeader(bytes) else { fuzzFail("GPX made a malformed datagram") }
            guard let key = keys.key(for: header.device) else { fuzzFail("GPX used a device without a key") }
            let valid = (try? MTPCodec.verifyTag(bytes, header: header, authenticator: MTPAuthenticator(key: key))) != nil
            fuzzCheck(valid, "GPX made a datagram whose tag does not verify")
            do {
                _ = try MTPCodec.decodeRecords(bytes, header: header)
            } catch {
                fuzzFail("GPX made a datagram the server refuses: \(error)")
            }
        }
    }
    return 0
}

private let keys = KeyFile(entries: (1...16).map { id in
    KeyFileEntry(id: UInt32(id), name: "car-\(id)", key: [UInt8](repeating: UInt8(id), count: KeyFileEntry.keyLength))
})
