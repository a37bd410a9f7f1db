/// Which listener a recorded datagram arrived on, so a replay sends it to the matching port.
///
/// The raw value is the byte the trace file stores (docs/TRACE.md, record field `kind`).
public enum TracePortKind: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The MTP/1 UDP port (5055 by default).
    case mtp = 1
    /// The Teltonika Codec 8 / 8E UDP port (5027 by default).
    case teltonikaUDP = 2

    public var description: String {
        switch self {
        case .mtp: "MTP/1"
        case .teltonikaUDP: "Teltonika UDP"
        }
    }
}
