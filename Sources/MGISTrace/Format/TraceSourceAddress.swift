/// The UDP source of a recorded datagram: what the server saw as the sender.
///
/// Kept as plain integers rather than a socket address type so the format module needs no
/// networking library; the server converts from its `SocketAddress` when it records.
public enum TraceSourceAddress: Hashable, Sendable, CustomStringConvertible {
    /// No source: generated or converted traffic that never crossed a socket.
    case unspecified
    /// An IPv4 address as a big-endian integer (`192.0.2.1` is `0xC000_0201`) and a port.
    case ipv4(address: UInt32, port: UInt16)
    /// An IPv6 address as a big-endian 128-bit integer and a port.
    case ipv6(address: UInt128, port: UInt16)

    /// The port, or 0 when unspecified.
    public var port: UInt16 {
        switch self {
        case .unspecified: 0
        case .ipv4(_, let port), .ipv6(_, let port): port
        }
    }

    /// `192.0.2.1:5055`, `[2001:db8:0:0:0:0:0:1]:5055` (groups uncompressed) or `-`.
    public var description: String {
        switch self {
        case .unspecified:
            return "-"
        case .ipv4(let address, let port):
            let octets = (0..<4).map { String((address >> (24 - 8 * $0)) & 0xFF) }
            return octets.joined(separator: ".") + ":\(port)"
        case .ipv6(let address, let port):
            let groups = (0..<8).map { String(UInt16(truncatingIfNeeded: address >> (112 - 16 * $0)), radix: 16) }
            return "[" + groups.joined(separator: ":") + "]:\(port)"
        }
    }
}
