extension AuditEvent {
    /// The value stored in place of a redacted one.
    public static let redactedValue = "[redacted]"

    /// The bytes hashed into the audit tree: canonical JSON, format version 1.
    ///
    /// - One JSON object in UTF-8, without whitespace or byte order mark.
    /// - Members in ascending byte order of their keys at every level (UTF-8 byte order, which
    ///   is code point order). The event's keys are therefore always in this order: `action`,
    ///   `actor`, `actorID`, `clientAddress`, `details`, `durationMillis`, `method`,
    ///   `objectIDs`, `outcome`, `query`, `roles`, `route`, `status`, `time`, `v`.
    /// - `v` is the format version, 1. A `nil` optional is left out, never `null`; the arrays
    ///   and the `query` and `details` objects are always present, possibly empty.
    /// - Integers in decimal with `-` for negatives: no leading zeros, `+`, fraction or exponent.
    /// - Strings: `"` and `\` as `\"` and `\\`; U+0008, U+0009, U+000A, U+000C and U+000D as
    ///   `\b`, `\t`, `\n`, `\f` and `\r`; other characters below U+0020 as `\u00xx` with
    ///   lower-case hex; every other character (U+007F and non-ASCII included) as its own UTF-8
    ///   bytes, without Unicode normalisation.
    /// - `roles` and `objectIDs` keep their order. Values in `query` and `details` whose key,
    ///   lower-cased, is in `redactedKeys` are written as `"[redacted]"`.
    ///
    /// These are the bytes of Python's `json.dumps(event, sort_keys=True, separators=(",", ":"),
    /// ensure_ascii=False).encode()`, so auditors can rebuild them with standard tools (see
    /// Tests/Vectors/make_audit_vectors.py). `init(canonicalBytes:)` accepts exactly this form.
    public func canonicalBytes() -> [UInt8] {
        var writer = CanonicalJSONWriter()
        writer.beginObject()
        writer.member("action")
        writer.string(action.rawValue)
        if let actor {
            writer.member("actor")
            writer.string(actor)
        }
        if let actorID {
            writer.member("actorID")
            writer.integer(actorID)
        }
        if let clientAddress {
            writer.member("clientAddress")
            writer.string(clientAddress)
        }
        writer.member("details")
        writer.stringMap(details, redacting: Self.redactedKeys)
        if let durationMillis {
            writer.member("durationMillis")
            writer.integer(durationMillis)
        }
        if let method {
            writer.member("method")
            writer.string(method)
        }
        writer.member("objectIDs")
        writer.stringArray(objectIDs)
        writer.member("outcome")
        writer.string(outcome.rawValue)
        writer.member("query")
        writer.stringMap(query, redacting: Self.redactedKeys)
        writer.member("roles")
        writer.stringArray(roles)
        if let route {
            writer.member("route")
            writer.string(route)
        }
        if let status {
            writer.member("status")
            writer.integer(status)
        }
        writer.member("time")
        writer.integer(time)
        writer.member("v")
        writer.integer(1)
        writer.endObject()
        return writer.bytes
    }

    /// The leaf hash of this event in the audit tree: SHA-256(0x00 || canonical bytes).
    public var leafHash: MerkleHash { MerkleHash.leaf(canonicalBytes()) }

    /// Decodes canonical bytes, refusing anything `canonicalBytes()` would not have written.
    public init(canonicalBytes: [UInt8]) throws(AuditError) {
        let decoded = canonicalBytes.withUnsafeBytes { buffer in Result { () throws(AuditError) in try AuditEvent(canonicalBuffer: buffer) } }
        self = try decoded.get()
    }

    /// Decodes canonical bytes in borrowed memory (a database row's blob, without copying).
    init(canonicalBuffer buffer: UnsafeRawBufferPointer) throws(AuditError) {
        do {
            var reader = CanonicalJSONReader(buffer)
            let event = try Self.read(&reader)
            guard reader.isAtEnd else { throw reader.fail("trailing bytes") }
            self = event
        } catch let failure as CanonicalJSONReader.Failure {
            throw AuditError(.invalidEvent, "not a canonical audit event: \(failure)")
        } catch {
            throw AuditError(.invalidEvent, "not a canonical audit event: \(error)")
        }
    }

    private static func read(_ reader: inout CanonicalJSONReader) throws -> AuditEvent {
        var event = AuditEvent(time: 0, action: "")
        var required = 0
        try reader.readObject { reader, key in
            let name = try key.withUnsafeBytes { try reader.string(from: $0) }
            if let bit = requiredMembers.firstIndex(of: name) { required |= 1 << bit }
            switch name {
            case "action": event.action = AuditAction(rawValue: try reader.readString())
            case "actor": event.actor = try reader.readString()
            case "actorID": event.actorID = try reader.readInteger()
            case "clientAddress": event.clientAddress = try reader.readString()
            case "details": event.details = try reader.readStringMap()
            case "durationMillis": event.durationMillis = Int(try reader.readInteger())
            case "method": event.method = try reader.readString()
            case "objectIDs": event.objectIDs = try reader.readStringArray()
            case "outcome": event.outcome = AuditOutcome(rawValue: try reader.readString())
            case "query": event.query = try reader.readStringMap()
            case "roles": event.roles = try reader.readStringArray()
            case "route": event.route = try reader.readString()
            case "status": event.status = Int(try reader.readInteger())
            case "time": event.time = try reader.readInteger()
            case "v": guard try reader.readInteger() == 1 else { throw reader.fail("unsupported format version") }
            default: throw reader.fail("unknown member '\(name)'")
            }
        }
        guard required == 1 << requiredMembers.count - 1 else {
            let missing = requiredMembers.indices.filter { required & 1 << $0 == 0 }.map { requiredMembers[$0] }
            throw reader.fail("missing \(missing.joined(separator: ", "))")
        }
        return event
    }

    /// Members every version 1 event has.
    private static let requiredMembers = ["action", "details", "objectIDs", "outcome", "query", "roles", "time", "v"]
}
