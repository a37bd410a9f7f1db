import MGISStore

/// A Teltonika IMEI that sent packets without being registered (or while its device was
/// disabled): what `GET /api/v1/devices/unknown` lists so an admin can register it.
struct UnknownIMEIDTO: Codable, Sendable {
    var imei: String
    var firstSeen: String
    var lastSeen: String
    /// Packets refused from it so far.
    var packets: Int

    init(_ sighting: UnknownIMEI) {
        imei = sighting.imei
        firstSeen = Timestamp.string(sighting.firstMillis)
        lastSeen = Timestamp.string(sighting.lastMillis)
        packets = sighting.packets
    }
}
