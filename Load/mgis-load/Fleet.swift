import ArgumentParser
import MGISTrace

/// `mgis-load fleet`: makes the key file of a simulated fleet, for the server, `udp` and
/// (with `--imei`) `teltonika`.
struct Fleet: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a CSV of simulated devices (id,name,key_hex[,imei]) with fresh random keys.",
        discussion: """
            Import it into the server with `mgisctl device import FILE.csv`, then run \
            `mgis-load udp --keys FILE.csv --to HOST:PORT`. With --imei every device also gets \
            an IMEI derived from its id ("35", the id in 12 digits, a Luhn check digit), so the \
            same file drives `mgis-load teltonika`. The file holds secret keys: it is created \
            readable by its owner only.
            """
    )

    @Option(help: "Number of devices to create.")
    var devices: Int

    @Option(help: ArgumentHelp("Where to write the CSV (overwritten if it exists).", valueName: "file.csv"))
    var out: String

    @Option(name: .customLong("first-id"), help: "Device id of the first device; the others follow it.")
    var firstID: UInt32 = 1000

    @Flag(help: "Add an imei column (derived from the id) for `mgis-load teltonika`.")
    var imei = false

    func validate() throws {
        guard devices >= 1 else { throw ValidationError("--devices must be at least 1") }
        guard firstID >= 1 else { throw ValidationError("--first-id must be at least 1 (0 is not a device id)") }
        guard UInt64(firstID) + UInt64(devices) - 1 <= UInt64(UInt32.max) else {
            throw ValidationError("--first-id \(firstID) + --devices \(devices) runs past the largest device id \(UInt32.max)")
        }
    }

    func run() throws {
        var random = SystemRandomNumberGenerator()
        var rows: [KeyFileRow] = []
        rows.reserveCapacity(devices)
        for offset in 0..<UInt32(devices) {
            let id = firstID + offset
            rows.append(
                KeyFileRow(
                    id: id, name: "load-\(id)", key: Self.makeKey(using: &random),
                    imei: imei ? FleetIMEI.derived(from: id) : nil
                )
            )
        }
        do {
            try KeyFileCSV.write(rows, to: out)
        } catch {
            throw LoadError(error.description)
        }
        StandardError.write(
            "wrote \(devices) devices (ids \(firstID)...\(firstID + UInt32(devices) - 1)"
                + (imei ? ", with IMEIs" : "") + ") to \(out); "
                + "import with: mgisctl device import \(out)"
        )
    }

    /// A fresh 32-byte key from the system's cryptographically secure generator.
    static func makeKey(using random: inout SystemRandomNumberGenerator) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(KeyFileEntry.keyLength)
        for _ in 0..<(KeyFileEntry.keyLength / 8) {
            withUnsafeBytes(of: random.next() as UInt64) { key.append(contentsOf: $0) }
        }
        return key
    }
}
