import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain blocking UDP socket on 127.0.0.1, so tests talk to the server the way a tracker does.
///
/// Blocking calls run on a thread of their own (`exchange`), never on Swift's cooperative pool,
/// which the in-process server needs. `@unchecked Sendable`: a test awaits each call before the
/// next, so the socket is used by one thread at a time.
public final class UDPTestClient: @unchecked Sendable {
    private let fd: Int32
    private var server = sockaddr_in()

    public init(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        precondition(fd >= 0, "socket() failed")
        server.sin_family = sa_family_t(AF_INET)
        server.sin_port = in_port_t(UInt16(port).bigEndian)
        server.sin_addr.s_addr = inet_addr("127.0.0.1")
    }

    deinit { close(fd) }

    public func send(_ bytes: [UInt8]) {
        var address = server
        let sent = bytes.withUnsafeBytes { raw in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        precondition(sent == bytes.count, "sendto failed")
    }

    /// The next datagram, or nil when none arrives within `milliseconds`.
    public func receive(timeoutMilliseconds milliseconds: Int = 5000) -> [UInt8]? {
        var timeout = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 2048)
        var count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        // A signal (a child process of another test ending) interrupts a blocking read: read again.
        while count < 0, errno == EINTR {
            count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        }
        return count > 0 ? Array(buffer.prefix(count)) : nil
    }

    /// Sends and waits for one reply, blocking a dedicated thread rather than the caller's.
    public func exchange(_ bytes: [UInt8], timeoutMilliseconds: Int = 5000) async -> [UInt8]? {
        await withCheckedContinuation { continuation in
            Thread {
                self.send(bytes)
                continuation.resume(returning: self.receive(timeoutMilliseconds: timeoutMilliseconds))
            }.start()
        }
    }
}
