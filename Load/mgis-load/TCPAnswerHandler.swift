import NIOCore

/// One simulated tracker's TCP connection: sends the IMEI handshake when connected, then hands
/// the server's answers to the engine, the 1-byte handshake answer first and then each 4-byte
/// record count.
///
/// Runs on the engine's event loop and calls it directly. Knows its device slot and the
/// connection generation, so the engine can ignore a connection it has already given up.
final class TCPAnswerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let engine: TeltonikaTCPEngine
    private let slot: Int
    private let generation: UInt32
    private let handshake: [UInt8]
    private var handshakeAnswered = false
    /// Bytes received and not yet a whole answer (TCP may split the 4 bytes).
    private var received = ByteBuffer()

    init(engine: TeltonikaTCPEngine, slot: Int, generation: UInt32, handshake: [UInt8]) {
        self.engine = engine
        self.slot = slot
        self.generation = generation
        self.handshake = handshake
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: handshake)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        if !handshakeAnswered {
            guard let answer = received.readInteger(as: UInt8.self) else { return }
            handshakeAnswered = true
            engine.handshakeAnswered(slot: slot, generation: generation, answer: answer, channel: context.channel)
        }
        while let count = received.readInteger(as: UInt32.self) {
            engine.frameAnswered(slot: slot, generation: generation, acceptedRecords: count)
        }
        received.discardReadBytes()
    }

    func channelInactive(context: ChannelHandlerContext) {
        engine.linkLost(slot: slot, generation: generation)
        context.fireChannelInactive()
    }

    /// A reset or other socket error: close, and the engine hears of it as a lost link.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
