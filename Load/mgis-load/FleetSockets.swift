import NIOCore
import NIOPosix

/// The UDP sockets the simulated fleet sends from.
enum FleetSockets {
    /// Binds `count` unconnected UDP sockets on ephemeral ports of `target`'s address family.
    ///
    /// Buffers are generous so a burst of ACKs is not dropped by our own receive queue (that
    /// would show up as server-side loss), and the write watermark lets one tick queue a full
    /// burst of 50-fix datagrams before the channel reports itself unwritable.
    static func bind(count: Int, for target: SocketAddress, on group: any EventLoopGroup) async throws -> [any Channel] {
        let anyHost: String
        switch target {
        case .v6: anyHost = "::"
        default: anyHost = "0.0.0.0"
        }
        let messagesPerRead = 64
        let bootstrap = DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
            .channelOption(.socketOption(.so_sndbuf), value: 4 << 20)
            .channelOption(.datagramVectorReadMessageCount, value: messagesPerRead)
            // ACKs are 21 bytes; 256 per message leaves room to see (and reject) odd replies.
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: messagesPerRead * 256))
            .channelOption(.writeBufferWaterMark, value: .init(low: 2 << 20, high: 8 << 20))
        var channels: [any Channel] = []
        do {
            for _ in 0..<count {
                channels.append(try await bootstrap.bind(host: anyHost, port: 0).get())
            }
        } catch {
            for channel in channels { try? await channel.close() }
            throw LoadError("cannot open a UDP socket: \(error)")
        }
        return channels
    }
}
