public import HummingbirdCore
public import Logging
public import NIOCore

/// Hummingbird's HTTP/WebSocket child channel, with a deadline for the first request's head.
///
/// Hummingbird's idle timeout starts only once a first request head has been decoded (its
/// WebSocket-upgrade pipeline installs the timer then), so a client that connects and sends
/// nothing, or dribbles a header a byte at a time, would hold a connection slot for ever.
/// `FirstRequestTimer` closes such a connection `timeout` after accept.
public struct FirstRequestDeadline<Base: ServerChildChannel>: ServerChildChannel {
    public typealias Value = Base.Value

    let base: Base
    let timeout: TimeAmount

    public init(_ base: Base, timeout: TimeAmount) {
        self.base = base
        self.timeout = timeout
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // Last of what is there: before the HTTP handlers the base adds next, after a TLS
            // handler added before (which then hands this plain text, and whose handshake counts).
            try channel.pipeline.syncOperations.addHandler(FirstRequestTimer(timeout: timeout), position: .last)
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    public func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Closes the connection unless the end of a first request head (an empty line) arrives within
/// `timeout` of accept; once it has, removes itself and leaves idleness to Hummingbird.
final class FirstRequestTimer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    /// The last bytes seen, to find "\r\n\r\n" split across reads.
    private var tail: [UInt8] = []

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data).readableBytesView
        let blankLine: [UInt8] = [13, 10, 13, 10]
        let headEnded = bytes.firstRange(of: blankLine) != nil || (tail + bytes.prefix(3)).firstRange(of: blankLine) != nil
        tail = Array((tail + bytes.suffix(3)).suffix(3))
        context.fireChannelRead(data)
        if headEnded {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    /// An error before the first request has no request to answer: a failed TLS handshake (plain
    /// HTTP or a scanner on the HTTPS port) or a reset. The HTTP handlers are told that no input
    /// will come, as for a client that hung up, and the connection is closed; passed on as an
    /// error, the WebSocket upgrade handler would log each such client as a server error.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        Self.closeQuietly(context)
    }

    /// Closes a connection that never sent a request as a hang-up, not as an error: Hummingbird's
    /// upgrade handler logs a bare close as "Error handling upgrade result" at error level, one
    /// line per idle or silent client (a thousand in the isolation benchmark's case c).
    private static func closeQuietly(_ context: ChannelHandlerContext) {
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        context.close(promise: nil)
    }

    /// Graceful shutdown: a connection that has not sent a request yet has nothing to finish.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            Self.closeQuietly(context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func start(_ context: ChannelHandlerContext) {
        guard deadline == nil else { return }
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            Self.closeQuietly(context)
        }
    }
}

@available(*, unavailable)
extension FirstRequestTimer: Sendable {}
