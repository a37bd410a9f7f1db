import ArgumentParser
import Foundation
import MGISAudit
import MGISCore
import MGISStore

struct DeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Register, list and disable trackers.",
        subcommands: [Add.self, Import.self, List.self, Disable.self, Networks.self, Unknown.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a tracker; prints its new 32-byte key once (hex) for provisioning."
        )
        @OptionGroup var options: DataOptions
        @Option(help: "A unique name, e.g. the car's plate or call sign.") var name: String
        @Option(help: "Device id 1...4294967295 (default: the next free one).") var id: UInt32?
        @Option(help: "IMEI of a Teltonika tracker (15 digits), instead of an MTP/1 key.") var imei: String?
        @Option(
            name: .customLong("allowed-network"),
            help: "A network (CIDR) the Teltonika tracker may send from; repeat for several (default: anywhere)."
        )
        var allowedNetworks: [String] = []

        func run() async throws {
            let store = try options.openStore()
            let deviceID: DeviceID? = try id.map {
                guard let valid = DeviceID(rawValue: $0) else { throw ValidationError("device id must be 1...4294967295") }
                return valid
            }
            var key: [UInt8]? = nil
            if imei == nil {
                var generator = SystemRandomNumberGenerator()
                key = (0..<Device.keyLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            }
            let networks = try DeviceCommand.parseNetworks(allowedNetworks)
            var fields = imei == nil ? ["name"] : ["imei", "name"]
            if !networks.isEmpty { fields.insert("allowedNetworks", at: 0) }
            var details = ["fields": fields.joined(separator: ","), "new.name": name]
            details["new.imei"] = imei
            if !networks.isEmpty { details["new.allowedNetworks"] = DeviceCommand.describe(networks) }
            let audit = try await ControlAudit.begin(options, action: .deviceCreate, command: "device add", details: details)
            let device = try await audit.run {
                var device = try reportingStoreErrors {
                    try store.addDevice(id: deviceID, name: name, key: key, imei: imei, nowMillis: WallClock.nowMillis())
                }
                if !networks.isEmpty {
                    try reportingStoreErrors { try store.setAllowedNetworks(device.id, networks) }
                    device.allowedNetworks = networks
                }
                return (device, ["device:\(device.id.rawValue)"], [:])
            }
            print("id\t\(device.id)")
            print("name\t\(device.name)")
            if let imei = device.imei { print("imei\t\(imei)") }
            if !device.allowedNetworks.isEmpty { print("networks\t\(DeviceCommand.describe(device.allowedNetworks))") }
            if let key { print("key\t\(Hex.encode(key))") }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register trackers provisioned at the factory from a CSV file: all rows or none.",
            discussion: "Columns: id,name,key_hex[,imei] with a header line. key_hex is 64 hex digits, or empty when an IMEI is given."
        )
        @OptionGroup var options: DataOptions
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            let rows = try DeviceCSV.read(path: file)
            let store = try options.openStore()
            let audit = try await ControlAudit.begin(
                options, action: .deviceCreate, command: "device import", details: ["file": file, "rows": String(rows.count)]
            )
            try await audit.run {
                try reportingStoreErrors { try store.importDevices(rows, nowMillis: WallClock.nowMillis()) }
                return ((), rows.prefix(1000).map { "device:\($0.id.rawValue)" }, [:])
            }
            print("imported \(rows.count) devices")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered trackers (never their keys).")
        @OptionGroup var options: DataOptions

        func run() throws {
            let store = try options.openStore()
            print("id\tname\tkind\timei\tenabled\tnetworks")
            for device in try store.devices() {
                let kind = device.key != nil ? "mtp1" : "teltonika"
                let networks = DeviceCommand.describe(device.allowedNetworks)
                print("\(device.id)\t\(device.name)\t\(kind)\t\(device.imei ?? "-")\t\(device.enabled ? "yes" : "no")\t\(networks)")
            }
        }
    }

    struct Unknown: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List unregistered IMEIs that sent Teltonika packets (refused, unanswered), most recent first."
        )
        @OptionGroup var options: DataOptions

        func run() throws {
            let store = try options.openStore()
            print("imei\tfirst_seen\tlast_seen\tpackets")
            for sighting in try store.unknownIMEIs() {
                print("\(sighting.imei)\t\(Self.iso(sighting.firstMillis))\t\(Self.iso(sighting.lastMillis))\t\(sighting.packets)")
            }
        }

        private static func iso(_ millis: Int64) -> String {
            RFC3339.string(fromMillis: millis, fractionalSeconds: false)
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a tracker: its datagrams are refused without reply from then on (within 2 s)."
        )
        @OptionGroup var options: DataOptions
        @Argument(help: "Device id.") var id: UInt32

        func run() async throws {
            guard let device = DeviceID(rawValue: id) else { throw ValidationError("device id must be 1...4294967295") }
            let store = try options.openStore()
            let audit = try await ControlAudit.begin(
                options, action: .deviceUpdate, command: "device disable", objectIDs: ["device:\(device.rawValue)"],
                details: ["fields": "enabled", "new.enabled": "false"]
            )
            try await audit.run {
                try reportingStoreErrors { try store.setDeviceEnabled(device, false) }
                return ((), [], [:])
            }
            print("device \(device) disabled")
        }
    }
}
