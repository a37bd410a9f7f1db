import MGISAudit
import MGISCore
import Testing

@Suite struct CanonicalEncodingTests {
    /// The full test event of Tests/Vectors/make_audit_vectors.py, built in Swift.
    static let fullEvent = AuditEvent(
        time: 1_764_000_000_123, actor: "anna", actorID: 7, roles: ["auditor", "admin"], action: .apiRequest,
        method: "PATCH", route: "/api/v1/users/{id}", objectIDs: ["user:12", "unit:3"],
        query: [
            "z": "1", "a": "quote\" backslash\\ nl\n tab\t ctl\u{01} del\u{7F}", "\u{C9}": "\u{FC}n\u{EF}c\u{F6}d\u{E9} \u{1F693}",
            "Z": "", "token": "secret-bearer-token",
        ],
        status: 200, durationMillis: 15, clientAddress: "10.1.2.3:5555", outcome: .ok,
        details: ["changed": "roles,unit", "\u{2028}": "line sep\u{2028}", "b": "\u{08}\u{0C}\r", "Password": "hunter2"]
    )
    static let minimalEvent = AuditEvent(time: -5, action: .loginFailed, status: 401, outcome: .denied)

    @Test func testCanonicalBytesMatchPythonJSONDumps() {
        #expect(Hex.encode(Self.fullEvent.canonicalBytes()) == AuditKnownAnswers.fullEventCanonical)
        #expect(Self.fullEvent.leafHash.hex == AuditKnownAnswers.fullEventLeaf)
        #expect(Hex.encode(Self.minimalEvent.canonicalBytes()) == AuditKnownAnswers.minimalEventCanonical)
        #expect(Self.minimalEvent.leafHash.hex == AuditKnownAnswers.minimalEventLeaf)
    }

    @Test func testSecretsAreRedactedAndNeverEncoded() {
        let text = String(decoding: Self.fullEvent.canonicalBytes(), as: UTF8.self)
        #expect(!text.contains("secret-bearer-token"))
        #expect(!text.contains("hunter2"))
        #expect(text.contains("\"token\":\"[redacted]\""))
    }

    @Test func testDecodingRoundTripsExactly() throws {
        for event in [Self.fullEvent, Self.minimalEvent, AuditTestLog.event(3), AuditTestLog.event(10)] {
            let bytes = event.canonicalBytes()
            let decoded = try AuditEvent(canonicalBytes: bytes)
            #expect(decoded.canonicalBytes() == bytes)
            #expect(decoded.actor == event.actor && decoded.objectIDs == event.objectIDs && decoded.status == event.status)
        }
        var sameButUnordered = Self.fullEvent
        sameButUnordered.query = Dictionary(uniqueKeysWithValues: Self.fullEvent.query.reversed())
        #expect(sameButUnordered.canonicalBytes() == Self.fullEvent.canonicalBytes())
    }

    @Test(arguments: [
        #"{"action":"a","details":{},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":1,"v":1} "#,
        #"{"action":"a","details":{},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":01,"v":1}"#,
        #"{"action":"a","details":{},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":-0,"v":1}"#,
        #"{"action":"a","details":{},"objectIDs":[],"outcome":"ok","query":{},"time":1,"roles":[],"v":1}"#,
        #"{"action":"\u0061","details":{},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":1,"v":1}"#,
        #"{"action":"a\/","details":{},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":1,"v":1}"#,
        #"{"action":"a","details":{"b":"1","a":"2"},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":1,"v":1}"#,
        #"{"action":"a","details":{},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":1,"v":2}"#,
        #"{"action":"a","details":{},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":1}"#,
        #"{"action":"a","details":{},"extra":1,"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":1,"v":1}"#,
        #"{"action":"a","details":{},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"status":null,"time":1,"v":1}"#,
    ])
    func testNonCanonicalFormsAreRefused(text: String) {
        #expect(throws: AuditError.self) { try AuditEvent(canonicalBytes: Array(text.utf8)) }
    }

    @Test func testTheSmallestCanonicalEventDecodes() throws {
        let text = #"{"action":"a","details":{},"objectIDs":[],"outcome":"ok","query":{},"roles":[],"time":0,"v":1}"#
        let event = try AuditEvent(canonicalBytes: Array(text.utf8))
        #expect(event.canonicalBytes() == Array(text.utf8))
        #expect(throws: AuditError.self) { try AuditEvent(canonicalBytes: Array(text.utf8) + [0xFF]) }
        #expect(throws: AuditError.self) {
            try AuditEvent(canonicalBytes: Array(#"{"action":""#.utf8) + [0xC3, 0x28] + Array(text.utf8.dropFirst(12)))
        }
    }
}
