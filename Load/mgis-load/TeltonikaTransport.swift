import ArgumentParser

/// `--transport`: the channel FMB trackers are configured for; mgisd serves both on one port.
enum TeltonikaTransport: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Datagrams, each ACKed with its packet ids and accepted count; pipelined per device.
    case udp
    /// A connection per device, IMEI handshake, one frame at a time answered with a count.
    case tcp
}
