import MGISCore
import MGISTrace

/// Reads the factory provisioning CSV `id,name,key_hex[,imei]` with MGISTrace's `KeyFileCSV`,
/// the same parser `mgis-load` uses, so a fleet file `mgis-load fleet` writes imports as it is
/// and a bad row is refused naming its line before anything reaches the store.
enum DeviceCSV {
    static func read(path: String) throws -> [(line: Int, id: DeviceID, name: String, key: [UInt8]?, imei: String?)] {
        let rows: [(line: Int, row: KeyFileRow)]
        do {
            rows = try KeyFileCSV.read(path: path)
        } catch {
            throw CommandError(error.description)
        }
        return rows.compactMap { line, row in
            // KeyFileCSV refuses id 0, the only value DeviceID does not take.
            DeviceID(rawValue: row.id).map { (line, $0, row.name, row.key, row.imei) }
        }
    }
}
