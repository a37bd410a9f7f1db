import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain UDP socket on 127.0.0.1 that a replay sends to: it records each datagram and the
/// monotonic time it arrived, and never answers.
final class UDPReceiver: @unchecked Sendable {
    let port: Int
    private let fd: Int32

    init() {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        var buffer: Int32 = 4 << 20
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, socklen_t(MemoryLayout<Int32>.size))
        // Stamp every datagram as it arrives, including those queued before anyone reads.
        var stamping: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_TIMESTAMP, &stamping, socklen_t(MemoryLayout<Int32>.size))
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                _ = bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }

    /// Linux's SIOCGSTAMP: the wall-clock time the last datagram read from `fd` arrived.
    private static func kernelArrivalMicros(_ fd: Int32) -> Int64? {
        var stamp = timeval()
        guard ioctl(fd, 0x8906, &stamp) == 0 else { return nil }
        return Int64(stamp.tv_sec) * 1_000_000 + Int64(stamp.tv_usec)
    }

    /// Up to `count` datagrams with their arrival in µs, stopping after `idleMillis` without one.
    ///
    /// The arrival is the kernel's receive time of each datagram (SIOCGSTAMP), not the time this
    /// thread read it: on a loaded machine the reading thread may start late and find a queue.
    func receive(count: Int, idleMillis: Int = 3000) -> [(micros: Int64, bytes: [UInt8])] {
        var timeout = timeval(tv_sec: idleMillis / 1000, tv_usec: Int((idleMillis % 1000) * 1000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [(Int64, [UInt8])] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while received.count < count {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n < 0, errno == EINTR { continue }  // a signal, not the idle timeout
            guard n >= 0 else { break }
            received.append((Self.kernelArrivalMicros(fd) ?? Int64(DispatchTime.now().uptimeNanoseconds / 1000), Array(buffer[0..<n])))
        }
        return received
    }
}
