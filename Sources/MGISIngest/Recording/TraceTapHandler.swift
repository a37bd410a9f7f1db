import MGISTrace
import NIOCore

/// First in a UDP listener's pipeline: hands every datagram to the recording switch (a no-op
/// while recording is off), then passes it on unchanged to the ingest handler.
///
/// A separate handler rather than a line in each ingest handler, so MTP/1 and Teltonika record
/// the same way, and datagrams the ingest handler refuses (overload, bad tags) are recorded too:
/// a trace is what the port received, not what the server accepted.
final class TraceTapHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias InboundOut = AddressedEnvelope<ByteBuffer>

    private let recording: RecordingSwitch
    private let kind: TracePortKind

    init(recording: RecordingSwitch, kind: TracePortKind) {
        self.recording = recording
        self.kind = kind
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        recording.record(kind: kind, from: envelope.remoteAddress, payload: envelope.data)
        context.fireChannelRead(data)
    }
}

@available(*, unavailable)
extension TraceTapHandler: Sendable {}
