/// When to send each datagram of a trace, over one or more loops, at a chosen speed.
///
/// Pure arithmetic the load tester drives from a socket: it walks the entries in order, waits
/// until each entry's offset on its own monotonic clock, and sends the record. The schedule is
/// a random-access collection computed on demand, so a million records looped a hundred times
/// costs one array of offsets.
///
/// - The first record is at offset 0; the others keep their recorded spacing, scaled.
/// - Order is the records' order. A record that arrived earlier than the one before it (a clock
///   step in the recording) is sent right after its predecessor rather than reordered.
/// - Loop k+1 starts one period after loop k, where the period is the last record's offset plus
///   the median gap between consecutive records, so the seam looks like ordinary traffic.
public struct ReplaySchedule: RandomAccessCollection, Sendable {
    public let speed: ReplaySpeed
    public let loops: Int
    /// Offset of loop k+1 after loop k on the recording's timeline (unscaled).
    public let loopPeriodMicros: Int64
    /// Per record, µs after the first record on the recording's timeline, never decreasing.
    private let offsets: [Int64]

    /// A schedule for arrivals in µs (any origin), in the order they are to be sent.
    public init(arrivalMicros: [Int64], speed: ReplaySpeed, loops: Int = 1) {
        precondition(loops >= 0, "a replay runs zero or more loops")
        var offsets: [Int64] = []
        offsets.reserveCapacity(arrivalMicros.count)
        for arrival in arrivalMicros {
            let offset = arrival - (arrivalMicros.first ?? 0)
            offsets.append(Swift.max(offset, offsets.last ?? 0))
        }
        self.offsets = offsets
        self.speed = speed
        self.loops = loops
        self.loopPeriodMicros = (offsets.last ?? 0) + Self.medianGap(offsets)
    }

    /// A schedule for `records` in file order.
    public init(records: [TraceRecord], speed: ReplaySpeed, loops: Int = 1) {
        self.init(arrivalMicros: records.map(\.arrivalMicros), speed: speed, loops: loops)
    }

    /// Records per loop.
    public var recordsPerLoop: Int { offsets.count }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count * loops }

    public subscript(position: Int) -> ReplayEntry {
        precondition(indices.contains(position), "replay entry \(position) out of 0..<\(endIndex)")
        let (loop, index) = position.quotientAndRemainder(dividingBy: offsets.count)
        let original = Int64(loop) * loopPeriodMicros + offsets[index]
        return ReplayEntry(recordIndex: index, loop: loop, sendOffsetMicros: speed.scale(original))
    }

    /// The send offset of the last entry: how long the replay takes, less the drain.
    public var durationMicros: Int64 {
        isEmpty ? 0 : self[endIndex - 1].sendOffsetMicros
    }

    /// The median of the gaps between consecutive offsets (for an even count, the lower of the
    /// two middle gaps, so it is always a gap that occurred); 0 with fewer than two records.
    static func medianGap(_ offsets: [Int64]) -> Int64 {
        guard offsets.count >= 2 else { return 0 }
        let gaps = zip(offsets.dropFirst(), offsets).map { $0 - $1 }.sorted()
        return gaps[(gaps.count - 1) / 2]
    }
}
