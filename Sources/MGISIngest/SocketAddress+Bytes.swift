import MGISCore
import NIOCore

extension SocketAddress {
    /// The IP address as 4 or 16 bytes in network order, for `IPNetwork`; nil for a Unix socket.
    /// Read from NIO's text form: only a tracker with allowed networks asks, once per packet.
    var addressBytes: [UInt8]? {
        ipAddress.flatMap(IPNetwork.addressBytes)
    }
}
