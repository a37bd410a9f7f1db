import MGISCore

/// Builds a `GPXDocument` from XML tokens: checks nesting, picks out `trk` / `trkseg` /
/// `trkpt` and the point's `ele`, `time`, `sat` and `hdop`, and converts their values.
///
/// Elements are matched on their local name, so a `gpx:` prefix works; anything else in the
/// file is checked for well-formedness and otherwise skipped.
struct GPXParser {
    private struct Open {
        var name: String
        var line: Int
    }

    /// A `<trkpt>` being read.
    private struct PendingPoint {
        var latE7: Int32
        var lonE7: Int32
        var line: Int
        var elevation: Double?
        var time: Int64?
        var satellites: Int?
        var hdop: Double?
    }

    private var stack: [Open] = []
    private var sawRoot = false
    private var tracks: [GPXTrack] = []
    private var point: PendingPoint?
    /// Text of the leaf element being captured (`name`, `ele`, `time`, `sat`, `hdop`).
    private var captured: String?

    mutating func consume(_ token: XMLToken) throws(GPXError) {
        switch token.kind {
        case .start(let name, let attributes, let selfClosing):
            try open(name, attributes: attributes, token: token)
            if selfClosing { try close(name, token: token) }
        case .end(let name):
            try close(name, token: token)
        case .text(let text):
            if captured != nil {
                captured? += text
            } else if stack.isEmpty, !text.allSatisfy(\.isWhitespace) {
                throw GPXError(line: token.line, column: token.column, message: "text outside the <gpx> element")
            }
        }
    }

    func finish(at position: (line: Int, column: Int)) throws(GPXError) -> GPXDocument {
        if let open = stack.last {
            throw GPXError(line: position.line, column: position.column, message: "input ends inside <\(open.name)> opened on line \(open.line)")
        }
        guard sawRoot else { throw GPXError(line: position.line, column: position.column, message: "no <gpx> element") }
        return GPXDocument(tracks: tracks)
    }

    private mutating func open(_ name: String, attributes: [String: String], token: XMLToken) throws(GPXError) {
        let local = name.xmlLocalName
        let parent = stack.last?.name.xmlLocalName
        if stack.isEmpty {
            guard !sawRoot else { throw GPXError(line: token.line, column: token.column, message: "a second root element <\(name)>") }
            guard local == "gpx" else { throw GPXError(line: token.line, column: token.column, message: "the root element is <\(name)>, not <gpx>") }
            sawRoot = true
        }
        // Depth as well as parent: a `trk` nested anywhere but directly in `gpx` is not a track.
        switch (stack.count, parent, local) {
        case (1, "gpx", "trk"):
            tracks.append(GPXTrack(segments: [], line: token.line))
        case (2, "trk", "trkseg"):
            tracks[tracks.count - 1].segments.append([])
        case (3, "trkseg", "trkpt") where stack[1].name.xmlLocalName == "trk":
            // Only a segment of a track holds points: a `trkseg` under another element (say
            // `<gpx><rte><trkseg>`) has no segment to append to, and its points are skipped.
            point = try Self.position(attributes, line: token.line)
        case (2, "trk", "name"), (4, "trkpt", "ele"), (4, "trkpt", "time"), (4, "trkpt", "sat"), (4, "trkpt", "hdop"):
            captured = ""
        default:
            break
        }
        stack.append(Open(name: name, line: token.line))
    }

    private mutating func close(_ name: String, token: XMLToken) throws(GPXError) {
        guard let open = stack.popLast() else {
            throw GPXError(line: token.line, column: token.column, message: "</\(name)> closes nothing")
        }
        guard open.name == name else {
            throw GPXError(line: token.line, column: token.column, message: "</\(name)> where </\(open.name)> (opened on line \(open.line)) was expected")
        }
        let text = captured?.trimmingSpaces ?? ""
        let line = open.line
        switch (stack.count, stack.last?.name.xmlLocalName, name.xmlLocalName) {
        case (2, "trk", "name"):
            tracks[tracks.count - 1].name = text
        case (4, "trkpt", "ele"):
            guard let value = Double(text), value.isFinite else { throw GPXError(line: line, message: "<ele> '\(text)' is not a number") }
            point?.elevation = value
        case (4, "trkpt", "time"):
            guard let value = RFC3339.millis(text) else {
                throw GPXError(line: line, message: "<time> '\(text)' is not an RFC 3339 time with a zone (e.g. 2026-11-29T21:00:00Z)")
            }
            point?.time = value
        case (4, "trkpt", "sat"):
            guard let value = Int(text), value >= 0 else { throw GPXError(line: line, message: "<sat> '\(text)' is not a count") }
            point?.satellites = value
        case (4, "trkpt", "hdop"):
            guard let value = Double(text), value >= 0, value.isFinite else { throw GPXError(line: line, message: "<hdop> '\(text)' is not a number") }
            point?.hdop = value
        case (3, "trkseg", "trkpt"):
            try finishPoint()
        default:
            break
        }
        captured = nil
    }

    private mutating func finishPoint() throws(GPXError) {
        guard let point else { return }
        self.point = nil
        guard let time = point.time else { throw GPXError(line: point.line, message: "<trkpt> has no <time>; every point needs one") }
        let segments = tracks[tracks.count - 1].segments
        tracks[tracks.count - 1].segments[segments.count - 1].append(
            GPXPoint(latE7: point.latE7, lonE7: point.lonE7, elevationMeters: point.elevation, timeMillis: time,
                     satellites: point.satellites, hdop: point.hdop, line: point.line)
        )
    }

    private static func position(_ attributes: [String: String], line: Int) throws(GPXError) -> PendingPoint {
        func coordinate(_ key: String, limit: Int64) throws(GPXError) -> Int32 {
            guard let text = attributes[key] else { throw GPXError(line: line, message: "<trkpt> has no \(key) attribute") }
            guard let value = DecimalE7.parse(text.trimmingSpaces), (-limit...limit).contains(value) else {
                throw GPXError(line: line, message: "<trkpt> \(key)=\"\(text)\" is not a decimal in -\(limit / 10_000_000)...\(limit / 10_000_000)")
            }
            return Int32(value)
        }
        return PendingPoint(latE7: try coordinate("lat", limit: 900_000_000), lonE7: try coordinate("lon", limit: 1_800_000_000), line: line)
    }
}

extension String {
    /// Without leading and trailing XML whitespace (space, tab, CR, LF).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
