import MGISHTTP
import MGISIngest
import MGISServer

#if canImport(Glibc)
import Glibc
#endif

/// The ports mgisd is about to listen on, checked before anything else happens.
///
/// Without this a taken port surfaced only once the services started, after the first admin's
/// password (or the demo's passwords and display link) had been printed, as NIO's
/// `bind(descriptor:ptr:bytes:): Address already in use (errno: 98)`, naming neither the port
/// nor the option that moves it. A check can race with another program binding in between; the
/// listener's own error still covers that rare case.
struct ListeningPorts {
    struct Port: Equatable {
        var number: Int
        var host: String
        var isTCP: Bool
        /// What listens there and the option that moves it, for the message.
        var purpose: String
        var option: String
    }

    /// A port another program holds: printed by ArgumentParser as `Error: ...`, exit status 1.
    struct InUse: Error, CustomStringConvertible {
        let description: String
    }

    let ports: [Port]

    init(_ configuration: ServerConfiguration) {
        var ports = [Port(number: configuration.ingest.port, host: configuration.ingest.host, isTCP: false, purpose: "MTP/1 over UDP", option: "--udp-port")]
        if let teltonika = configuration.teltonika {
            ports.append(Port(number: teltonika.port, host: teltonika.host, isTCP: false, purpose: "Teltonika over UDP", option: "--teltonika-port"))
        }
        if let tcp = configuration.teltonikaTCP {
            ports.append(Port(number: tcp.port, host: tcp.host, isTCP: true, purpose: "Teltonika over TCP", option: "--teltonika-port"))
        }
        ports.append(Port(number: configuration.http.port, host: configuration.http.host, isTCP: true, purpose: "HTTP (pages, API)", option: "--http-port"))
        self.ports = ports.filter { $0.number != 0 }
    }

    /// Throws a message naming the first port another program holds, and how to choose another.
    func checkFree() throws {
        for port in ports where !Self.canBind(port) {
            throw InUse(
                description: "port \(port.number) (\(port.isTCP ? "TCP" : "UDP"), \(port.purpose)) is already in use on \(port.host): "
                    + "stop what holds it, or choose another with \(port.option) N"
            )
        }
    }

    /// Whether a socket of the port's kind can bind there now (with SO_REUSEADDR, as the
    /// listeners use it, so a TCP port in TIME_WAIT does not count as taken).
    static func canBind(_ port: Port) -> Bool {
        #if os(Linux)
        let isIPv6 = port.host.contains(":")
        let fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(port.isTCP ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return true }  // cannot tell: let the listener say
        defer { close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port.number).bigEndian)
            guard inet_pton(AF_INET6, port.host, &address.sin6_addr) == 1 else { return true }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0 }
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port.number).bigEndian)
        guard inet_pton(AF_INET, port.host, &address.sin_addr) == 1 else { return true }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        #else
        return true
        #endif
    }
}
