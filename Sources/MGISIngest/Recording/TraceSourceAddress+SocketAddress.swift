import MGISTrace
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TraceSourceAddress {
    /// The trace form of a datagram's sender; Unix-domain or missing addresses have none.
    init(_ address: SocketAddress?) {
        switch address {
        case .v4(let v4):
            self = .ipv4(address: UInt32(bigEndian: v4.address.sin_addr.s_addr), port: UInt16(v4.address.sin_port.bigEndian))
        case .v6(let v6):
            var value: UInt128 = 0
            withUnsafeBytes(of: v6.address.sin6_addr) { bytes in
                for byte in bytes { value = value << 8 | UInt128(byte) }
            }
            self = .ipv6(address: value, port: UInt16(v6.address.sin6_port.bigEndian))
        default:
            self = .unspecified
        }
    }
}
