/// One recorded datagram: when it arrived, on which port, from where, and its exact bytes.
///
/// The payload is kept verbatim, malformed or not: a trace is evidence of what the server was
/// sent, and replaying garbage is as useful a load test as replaying good fixes.
public struct TraceRecord: Hashable, Sendable {
    /// Microseconds from the recording's start (`TraceHeader.startMillis`) to the arrival.
    /// May be negative or go backwards when the recording host's clock did.
    public var arrivalMicros: Int64
    public var kind: TracePortKind
    public var source: TraceSourceAddress
    /// The datagram as received, at most `TraceLayout.maxPayloadLength` bytes.
    public var payload: [UInt8]

    public init(arrivalMicros: Int64, kind: TracePortKind, source: TraceSourceAddress, payload: [UInt8]) {
        self.arrivalMicros = arrivalMicros
        self.kind = kind
        self.source = source
        self.payload = payload
    }
}
