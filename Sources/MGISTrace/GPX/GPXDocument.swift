/// The tracks of a GPX 1.1 file; waypoints, routes and extensions are ignored.
public struct GPXDocument: Hashable, Sendable {
    public var tracks: [GPXTrack]

    public init(tracks: [GPXTrack]) {
        self.tracks = tracks
    }

    /// Parses GPX text. Malformed XML is refused with its line and column; a `<trkpt>` without
    /// `lat`, `lon` or `<time>`, or with values out of range, with the line of the element.
    public static func parse(_ text: String) throws(GPXError) -> GPXDocument {
        var parser = GPXParser()
        var tokenizer = XMLTokenizer(text)
        while let token = try tokenizer.next() {
            try parser.consume(token)
        }
        return try parser.finish(at: tokenizer.position)
    }
}
