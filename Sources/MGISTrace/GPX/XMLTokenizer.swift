/// A minimal XML tokenizer for GPX: elements, attributes, text, CDATA, comments, processing
/// instructions and the five predefined plus numeric entities.
///
/// Hand-written because FoundationXML is not on every Linux install, and GPX needs nothing
/// more. Not a validating parser: a DOCTYPE is skipped up to its `>` (internal subsets are not
/// supported), and matching of end tags is left to the caller, which has the element stack.
/// Every error names the line and column where the offending construct starts.
struct XMLTokenizer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// The current position, for errors at the end of the input.
    var position: (line: Int, column: Int) { (line, column) }

    mutating func next() throws(GPXError) -> XMLToken? {
        while index < bytes.count {
            let (startLine, startColumn) = (line, column)
            func token(_ kind: XMLToken.Kind) -> XMLToken { XMLToken(kind: kind, line: startLine, column: startColumn) }
            guard bytes[index] == UInt8(ascii: "<") else { return token(.text(try text())) }
            if starts(with: "<!--") {
                try skip(past: "-->", what: "comment")
            } else if starts(with: "<![CDATA[") {
                advance(9)
                let start = index
                try skip(past: "]]>", what: "CDATA section")
                return token(.text(String(decoding: bytes[start..<(index - 3)], as: UTF8.self)))
            } else if starts(with: "<?") {
                try skip(past: "?>", what: "processing instruction")
            } else if starts(with: "<!") {
                try skip(past: ">", what: "declaration")
            } else if starts(with: "</") {
                advance(2)
                let name = try self.name()
                skipSpaces()
                try expect(">", after: "</\(name)")
                return token(.end(name: name))
            } else {
                advance(1)
                return token(try startTag())
            }
        }
        return nil
    }

    private mutating func startTag() throws(GPXError) -> XMLToken.Kind {
        let name = try self.name()
        var attributes: [String: String] = [:]
        while true {
            let hadSpace = skipSpaces()
            if starts(with: "/>") {
                advance(2)
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            if starts(with: ">") {
                advance(1)
                return .start(name: name, attributes: attributes, selfClosing: false)
            }
            guard hadSpace else { throw fail("expected whitespace, '>' or '/>' in <\(name)>") }
            let (attributeLine, attributeColumn) = (line, column)
            let key = try self.name()
            skipSpaces()
            try expect("=", after: "attribute \(key)")
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("attribute \(key) needs a quoted value")
            }
            let quote = bytes[index]
            advance(1)
            let value = try decoded(until: quote, what: "attribute \(key)")
            advance(1)
            guard attributes.updateValue(value, forKey: key) == nil else {
                throw GPXError(line: attributeLine, column: attributeColumn, message: "attribute \(key) repeated in <\(name)>")
            }
        }
    }

    private mutating func text() throws(GPXError) -> String {
        try decoded(until: UInt8(ascii: "<"), what: "text", endIsFine: true)
    }

    /// Characters up to (not including) `stop`, with entities decoded.
    private mutating func decoded(until stop: UInt8, what: String, endIsFine: Bool = false) throws(GPXError) -> String {
        var out: [UInt8] = []
        while index < bytes.count, bytes[index] != stop {
            if bytes[index] == UInt8(ascii: "<") { throw fail("'<' inside \(what)") }
            if bytes[index] == UInt8(ascii: "&") {
                out += try entity()
            } else {
                out.append(bytes[index])
                advance(1)
            }
        }
        if index >= bytes.count, !endIsFine { throw fail("\(what) is not closed before the end of the input") }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func entity() throws(GPXError) -> [UInt8] {
        let (startLine, startColumn) = (line, column)
        var end = index + 1
        while end < bytes.count, end - index < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        let body = end < bytes.count && bytes[end] == UInt8(ascii: ";") ? String(decoding: bytes[(index + 1)..<end], as: UTF8.self) : ""
        let scalar: Unicode.Scalar? = switch body {
        case "lt": "<"
        case "gt": ">"
        case "amp": "&"
        case "quot": "\""
        case "apos": "'"
        case _ where body.hasPrefix("#x"): UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        case _ where body.hasPrefix("#"): UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        default: nil
        }
        guard let scalar else {
            throw GPXError(line: startLine, column: startColumn, message: "unknown or malformed entity '&\(body.isEmpty ? "..." : body + ";")'")
        }
        advance(end + 1 - index)
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func name() throws(GPXError) -> String {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index], first: index == start) { advance(1) }
        guard index > start else { throw fail("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...: true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): !first
        default: false
        }
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = index
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { advance(1) }
        return index > start
    }

    private func starts(with prefix: String) -> Bool {
        let utf8 = Array(prefix.utf8)
        return index + utf8.count <= bytes.count && bytes[index..<(index + utf8.count)].elementsEqual(utf8)
    }

    private mutating func expect(_ literal: String, after context: String) throws(GPXError) {
        guard starts(with: literal) else { throw fail("expected '\(literal)' after \(context)") }
        advance(literal.utf8.count)
    }

    private mutating func skip(past terminator: String, what: String) throws(GPXError) {
        let (startLine, startColumn) = (line, column)
        while index < bytes.count, !starts(with: terminator) { advance(1) }
        guard index < bytes.count else {
            throw GPXError(line: startLine, column: startColumn, message: "\(what) is not closed with '\(terminator)'")
        }
        advance(terminator.utf8.count)
    }

    /// Moves `count` bytes on, counting lines and (character) columns.
    private mutating func advance(_ count: Int) {
        for _ in 0..<count where index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
    }

    private func fail(_ message: String) -> GPXError {
        GPXError(line: line, column: column, message: message)
    }
}
