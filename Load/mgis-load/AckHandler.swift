import NIOCore

/// Hands every datagram a socket receives to the engine as a possible ACK (MTP/1 or Teltonika).
///
/// Runs on the same event loop as the engine, so it calls it directly: no hop, no lock.
final class AckHandler<Wire: TrackerWire>: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let engine: LoadEngine<Wire>

    init(engine: LoadEngine<Wire>) {
        self.engine = engine
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        envelope.data.withUnsafeReadableBytes { engine.handleReply($0) }
    }

    /// Counts socket errors (e.g. ICMP-reported unreachability) and keeps the socket open:
    /// a tracker does not give up on its server because one send failed.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        engine.recordSocketError()
    }
}
