import MGISTrace
import NIOCore

extension TraceSourceAddress {
    /// The trace form of a datagram's sender; Unix-domain or missing addresses have none.
    ///
    /// Read from the raw socket address bytes: the port sits at offset 2 and the IPv4 address at 4
    /// (IPv6 at 8), in network order, in both the Linux and the BSD layouts. Reading bytes avoids
    /// naming `sockaddr_in` fields, whose declaring module differs between platforms and builds.
    init(_ address: SocketAddress?) {
        switch address {
        case .v4(let v4):
            self = withUnsafeBytes(of: v4.address) { bytes in
                let port = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
                let ip = bytes[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                return .ipv4(address: ip, port: port)
            }
        case .v6(let v6):
            self = withUnsafeBytes(of: v6.address) { bytes in
                let port = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
                let ip = bytes[8..<24].reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
                return .ipv6(address: ip, port: port)
            }
        default:
            self = .unspecified
        }
    }
}
