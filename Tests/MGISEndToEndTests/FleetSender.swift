import Foundation
import MGISCore
import MGISProtocol
#if canImport(Glibc)
import Glibc
#endif

/// A small tracker fleet on one non-blocking UDP socket: sends datagrams round-robin, reads
/// ACKs, and remembers exactly which datagrams were acknowledged and with what content.
/// `@unchecked Sendable`: handed whole to one detached task and back; never used by two at once.
final class FleetSender: @unchecked Sendable {
    struct Sent {
        let device: UInt32
        let seq: UInt32
        let fixes: [Fix]
    }

    private let fd: Int32
    private let devices: [(id: UInt32, auth: MTPAuthenticator)]
    private var nextSeq: [UInt32: UInt32]
    private var inFlight: [UInt64: Sent] = [:]
    private(set) var acknowledged: [Sent] = []
    private(set) var sentCount = 0

    init(devices: [(id: UInt32, auth: MTPAuthenticator)], nextSeq: [UInt32: UInt32]) {
        self.devices = devices
        self.nextSeq = nextSeq
        fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(fd) }

    var sequenceState: [UInt32: UInt32] { nextSeq }

    /// Sends for `duration`, reading ACKs as they come; returns when the time is up.
    func run(port: Int, for duration: TimeInterval, fixesPerDatagram: Int = 3) {
        var server = sockaddr_in()
        server.sin_family = sa_family_t(AF_INET)
        server.sin_port = in_port_t(UInt16(port).bigEndian)
        server.sin_addr.s_addr = inet_addr("127.0.0.1")
        let end = Date().addingTimeInterval(duration)
        var index = 0
        while Date() < end {
            let device = devices[index % devices.count]
            index += 1
            let seq = nextSeq[device.id, default: 1]
            nextSeq[device.id] = seq + 1
            let now = WallClock.nowMillis() / 10 * 10
            let fixes = (0..<fixesPerDatagram).map { offset in
                Fix(timeMillis: now - Int64(offset) * 10, latE7: Int32(540_000_000 + index), lonE7: Int32(250_000_000 + Int(seq)),
                    speedCmS: UInt16(truncatingIfNeeded: index), satellites: UInt8(offset), flags: [.fixValid])
            }
            let bytes = MTPCodec.encode(device: device.id, seq: seq, fixes: fixes, authenticator: device.auth)
            inFlight[UInt64(device.id) << 32 | UInt64(seq)] = Sent(device: device.id, seq: seq, fixes: fixes)
            _ = bytes.withUnsafeBytes { raw in
                withUnsafePointer(to: &server) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            sentCount += 1
            drainAcks()
            if index % 50 == 0 { usleep(1000) }
        }
        usleep(200_000)
        drainAcks()
    }

    private func drainAcks() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            guard let ack = try? Array(buffer.prefix(count)).withUnsafeBytes({ try MTPCodec.decodeAck($0) }),
                let auth = devices.first(where: { $0.id == ack.device })?.auth,
                (try? Array(buffer.prefix(count)).withUnsafeBytes({ try MTPCodec.verifyAck($0, authenticator: auth) })) != nil,
                ack.status <= 1,
                let sent = inFlight.removeValue(forKey: UInt64(ack.device) << 32 | UInt64(ack.seq))
            else { continue }
            acknowledged.append(sent)
        }
    }
}
