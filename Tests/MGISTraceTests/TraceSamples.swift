import MGISTrace

/// Deterministic sample records covering every address family and a spread of sizes.
enum TraceSamples {
    static func records(count: Int) -> [TraceRecord] {
        (0..<count).map { index in
            let source: TraceSourceAddress = switch index % 3 {
            case 0: .ipv4(address: 0xC000_0200 | UInt32(index & 0xFF), port: UInt16(40_000 + index % 1000))
            case 1: .ipv6(address: (UInt128(0x2001_0DB8) << 96) | UInt128(index), port: 5055)
            default: .unspecified
            }
            let length = (index * 37) % 300
            let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            // Mostly increasing, with an occasional step back (clock adjustments happen).
            let micros = Int64(index) * 1_234_567 - (index % 10 == 9 ? 2_000_000 : 0)
            return TraceRecord(
                arrivalMicros: micros,
                kind: index % 4 == 3 ? .teltonikaUDP : .mtp,
                source: source,
                payload: payload
            )
        }
    }
}
