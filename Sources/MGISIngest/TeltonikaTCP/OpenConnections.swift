import NIOCore

/// The Teltonika TCP listener's open connections, counted overall and per source address.
struct OpenConnections {
    private var channels: [ObjectIdentifier: any Channel] = [:]
    private var perAddress: [String: Int] = [:]

    var all: [any Channel] { Array(channels.values) }

    /// Counts `channel` in, or returns the refusal reason (a label of the refusal counter).
    mutating func admit(_ channel: any Channel, from address: String, max: Int, maxPerAddress: Int) -> String? {
        guard channels.count < max else { return "too_many_connections" }
        guard perAddress[address, default: 0] < maxPerAddress else { return "too_many_connections_from_address" }
        channels[ObjectIdentifier(channel)] = channel
        perAddress[address, default: 0] += 1
        return nil
    }

    mutating func remove(_ channel: any Channel, from address: String) {
        guard channels.removeValue(forKey: ObjectIdentifier(channel)) != nil else { return }
        let left = perAddress[address, default: 1] - 1
        perAddress[address] = left > 0 ? left : nil
    }
}
