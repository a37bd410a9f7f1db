import ArgumentParser
import Foundation
import MGISAudit
import MGISCore
import MGISStore

extension DeviceCommand {
    /// `mgisctl device networks ID [CIDR ...]`: where a Teltonika tracker may send from.
    struct Networks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the source networks a Teltonika tracker may send from; none: anywhere again.",
            discussion: "Packets and connections from elsewhere are dropped (counted as reason \"network\"); mgisd picks the change up within 2 s."
        )
        @OptionGroup var options: DataOptions
        @Argument(help: "Device id.") var id: UInt32
        @Argument(help: "CIDR networks, e.g. 10.20.0.0/16 or 2001:db8::/32; a bare address is a network of one.") var networks: [String] = []

        func run() async throws {
            guard let device = DeviceID(rawValue: id) else { throw ValidationError("device id must be 1...4294967295") }
            let parsed = try DeviceCommand.parseNetworks(networks)
            let store = try options.openStore()
            let audit = try await ControlAudit.begin(
                options, action: .deviceUpdate, command: "device networks", objectIDs: ["device:\(device.rawValue)"],
                details: ["fields": "allowedNetworks", "new.allowedNetworks": DeviceCommand.describe(parsed)]
            )
            try await audit.run {
                try reportingStoreErrors { try store.setAllowedNetworks(device, parsed) }
                return ((), [], [:])
            }
            print("device \(device) may send from \(DeviceCommand.describe(parsed))")
        }
    }

    /// Networks from the command line; the first that is not one is named.
    static func parseNetworks(_ texts: [String]) throws -> [IPNetwork] {
        try texts.map { text in
            guard let network = IPNetwork(text) else { throw ValidationError("'\(text)' is not a network in CIDR notation (10.20.0.0/16)") }
            return network
        }
    }

    /// `10.20.0.0/16,192.0.2.7/32`, or `any` for an empty list.
    static func describe(_ networks: [IPNetwork]) -> String {
        networks.isEmpty ? "any" : networks.map(\.description).joined(separator: ",")
    }
}
