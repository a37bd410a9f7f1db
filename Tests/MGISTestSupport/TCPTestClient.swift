import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain blocking TCP connection to 127.0.0.1, so tests talk to the server the way a tracker does.
///
/// Every call blocks a thread of its own (`onOwnThread`), never Swift's cooperative pool.
/// `@unchecked Sendable`: a test awaits each call before the next, so the socket is used by one
/// thread at a time.
public final class TCPTestClient: @unchecked Sendable {
    /// What a read found.
    public enum Reply: Equatable, Sendable {
        case bytes([UInt8])
        /// The server closed the connection.
        case closed
        /// Nothing arrived in time.
        case timedOut
    }

    private let fd: Int32

    /// - Parameter source: a loopback address to connect from (`127.0.0.2`), so that one test
    ///   can be several clients as the server sees them; nil lets the kernel choose.
    public init(port: Int, from source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0, "socket() failed")
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            precondition(bound == 0, "bind to \(source) failed: errno \(errno)")
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "connect to port \(port) failed: errno \(errno)"])
        }
    }

    deinit { Glibc.close(fd) }

    /// Ends the connection from this side (the server reads end-of-file), keeping the descriptor
    /// until `deinit` so no other socket can reuse its number meanwhile.
    public func close() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Writes all of `bytes` (errors such as a reset connection are ignored: the next read tells).
    public func send(_ bytes: [UInt8]) async {
        _ = try? await onOwnThread {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let sent = Glibc.send(self.fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                    if sent < 0, errno == EINTR { continue }
                    if sent <= 0 { return }
                    offset += sent
                }
            }
        }
    }

    /// Reads exactly `count` bytes, or reports the close or the timeout that came first.
    public func receive(count: Int, timeoutMilliseconds milliseconds: Int = 15_000) async -> Reply {
        (try? await onOwnThread {
            var timeout = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
            setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: count)
            var received = 0
            while received < count {
                let n = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress! + received, count - received, 0) }
                // A signal (a child process of another test ending) interrupts a blocking read.
                if n < 0, errno == EINTR { continue }
                if n == 0 { return Reply.closed }
                if n < 0 { return errno == ECONNRESET ? Reply.closed : Reply.timedOut }
                received += n
            }
            return Reply.bytes(buffer)
        }) ?? .timedOut
    }

    /// Sends and reads the `count`-byte answer.
    public func exchange(_ bytes: [UInt8], replyCount count: Int, timeoutMilliseconds: Int = 15_000) async -> Reply {
        await send(bytes)
        return await receive(count: count, timeoutMilliseconds: timeoutMilliseconds)
    }
}
