/// The head of every trace file: what the recording is and where this file sits in it.
///
/// Every rotated segment repeats the recording's start time and label, so one file on its own
/// still tells what it belongs to, and a reader can refuse a set of segments that were mixed up
/// from two recordings.
public struct TraceHeader: Hashable, Sendable {
    /// Milliseconds since the Unix epoch at which the recording started; record times count
    /// from here. Chosen by the caller: the format reads no clock.
    public var startMillis: Int64
    /// Free text for people, e.g. "night shift 2026-11-29, mgisd 1.4"; at most
    /// `TraceLayout.maxLabelLength` bytes of UTF-8.
    public var label: String
    /// 0 for the first file of a recording, N for `FILE.N` (see `TraceSegments`).
    public var segment: UInt16

    public init(startMillis: Int64, label: String, segment: UInt16 = 0) {
        self.startMillis = startMillis
        self.label = label
        self.segment = segment
    }
}
