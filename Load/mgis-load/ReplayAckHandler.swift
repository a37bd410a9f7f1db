import NIOCore

/// Hands every reply a replay socket receives to the engine; same loop, so no hop.
final class ReplayAckHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let engine: ReplayEngine

    init(engine: ReplayEngine) {
        self.engine = engine
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        unwrapInboundIn(data).data.withUnsafeReadableBytes { engine.handleReply($0) }
    }

    /// A failed send (e.g. ICMP port unreachable) is counted; the replay goes on.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        engine.recordSocketError()
    }
}
