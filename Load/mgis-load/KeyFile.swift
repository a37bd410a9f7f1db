import MGISTrace

/// The fleet key file as the load commands play it: MGISTrace's `KeyFileCSV` reads it (the one
/// parser `mgisctl device import` uses too), and each command takes the rows it can play.
///
/// The optional fourth column `imei` is what `mgis-load fleet --imei` writes for the Teltonika
/// load test, and what a factory provisioning file may carry. A row needs a key, an IMEI or
/// both; `udp` plays those with a key, `teltonika` those with an IMEI, so one file serves both.
enum KeyFile {
    /// Which trackers a command plays from the file.
    enum Use {
        /// MTP/1 trackers: rows with a key.
        case mtp
        /// Teltonika trackers: rows with an IMEI.
        case teltonika
    }

    /// Reads the key file at `path` and returns the rows `use` can play, in file order.
    static func read(path: String, for use: Use) throws(LoadError) -> [KeyFileRow] {
        let rows: [KeyFileRow]
        do {
            rows = try KeyFileCSV.read(path: path).map(\.row)
        } catch {
            throw LoadError(error.description)
        }
        switch use {
        case .mtp:
            let playable = rows.filter { $0.key != nil }
            guard !playable.isEmpty else {
                throw LoadError("\(path): no devices with an MTP/1 key (key_hex) after the header")
            }
            return playable
        case .teltonika:
            let playable = rows.filter { $0.imei != nil }
            guard !playable.isEmpty else {
                throw LoadError(
                    "\(path): no devices with an IMEI; make the fleet with `mgis-load fleet --imei` "
                        + "(header '\(KeyFileCSV.headerWithIMEI)') and import it with mgisctl"
                )
            }
            return playable
        }
    }
}
