/// One piece of an XML document, with where it starts.
struct XMLToken {
    enum Kind {
        /// `<name a="v">` or `<name/>` (`selfClosing`). Attribute values are entity-decoded.
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        /// `</name>`.
        case end(name: String)
        /// Character data or CDATA, entity-decoded; comments and processing instructions are
        /// skipped by the tokenizer.
        case text(String)
    }

    var kind: Kind
    var line: Int
    var column: Int
}

extension String {
    /// The name without its namespace prefix: `gpx:trkpt` is `trkpt`.
    var xmlLocalName: Substring {
        split(separator: ":", maxSplits: 1).last ?? Substring(self)
    }
}
