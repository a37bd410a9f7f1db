import MGISCore

/// The `allowedNetworks` field of a device: CIDR networks its Teltonika packets and connections
/// may come from. `null` or `[]` means anywhere.
enum AllowedNetworksField {
    static let name = "allowedNetworks"
    /// Enough for a carrier's APN ranges and a few fixed sites; a longer list is a mistake.
    static let maximumCount = 32

    /// The networks given in `body`: nil when the field is absent, empty for null or `[]`.
    static func parse(_ body: JSONBody) throws -> [IPNetwork]? {
        if body.isNull(name) { return [] }
        guard let texts = try body.strings(name) else { return nil }
        guard texts.count <= maximumCount else { throw APIError.invalidField(name, "may hold at most \(maximumCount) networks") }
        return try texts.map { text in
            guard let network = IPNetwork(text) else {
                throw APIError.invalidField(name, "has '\(text.prefix(64))', which is not an IPv4 or IPv6 network in CIDR notation (10.20.0.0/16)")
            }
            return network
        }
    }
}
