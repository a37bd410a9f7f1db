/// One `<trk>`: its optional name and its segments. A segment break is a gap in recording,
/// so speeds and headings are never derived across it.
public struct GPXTrack: Hashable, Sendable {
    public var name: String?
    /// `<trkseg>`s in document order, each a list of points in document order.
    public var segments: [[GPXPoint]]
    /// The line the `<trk>` starts on.
    public var line: Int

    public init(name: String? = nil, segments: [[GPXPoint]], line: Int = 0) {
        self.name = name
        self.segments = segments
        self.line = line
    }

    /// Every point of every segment, in order.
    public var points: [GPXPoint] { segments.flatMap { $0 } }
}
