import Foundation
import HTTPTypes
import MGISCore
import MGISHTTP
import MGISProtocol
import MGISServer
import MGISStore
import MGISTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The OpenAPI document served at `/api/openapi.json` against the route table and against what
/// the server really answers: every status seen must be documented for its operation, and every
/// JSON body must validate against the documented schema.
@Suite(.timeLimit(.minutes(3))) struct OpenAPITests {
    /// Documented operations the route table does not list, each marked `x-not-in-route-table` in
    /// the document (none today).
    static let outsideRouteTable: Set<String> = []

    // MARK: The document and the route table

    @Test func testDocumentCoversExactlyTheRouteTable() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let reply = try await HTTPTestClient(port: server.httpPort).send("GET", "/api/openapi.json")
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true)
            let document = try OpenAPIDocument(reply.body)
            let version = try #require(document.root["openapi"]?.stringValue)
            #expect(version.hasPrefix("3.1."), "openapi is \(version)")

            let routes = Set(APIRoute.all.map { "\($0.method.rawValue) \($0.path)" })
            let documented = Set(document.operations.keys)
            for missing in routes.subtracting(documented).sorted() {
                Issue.record("\(missing) is in APIRoute.all but not in the document")
            }
            for stale in documented.subtracting(routes).subtracting(Self.outsideRouteTable).sorted() {
                Issue.record("\(stale) is in the document but not in APIRoute.all")
            }
            for key in Self.outsideRouteTable {
                #expect(document.operations[key]?["x-not-in-route-table"] == .bool(true), "\(key) should be marked x-not-in-route-table")
            }

            for route in APIRoute.all {
                let key = "\(route.method.rawValue) \(route.path)"
                guard let operation = document.operations[key] else { continue }
                // x-roles copies the route table.
                let roles = Set(operation["x-roles"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                #expect(roles == Self.expectedRoles(route), "\(key): x-roles \(roles.sorted()) != \(Self.expectedRoles(route).sorted())")
                // Idempotency-Key is documented exactly where the server takes it.
                let parameters = operation["parameters"]?.arrayValue ?? []
                let takesKey = parameters.contains { $0["$ref"]?.stringValue == "#/components/parameters/IdempotencyKey" }
                #expect(takesKey == route.takesIdempotencyKey, "\(key): Idempotency-Key documented \(takesKey), taken \(route.takesIdempotencyKey)")
                // Public routes, and only they, opt out of the global bearer requirement.
                let security = operation["security"]?.arrayValue
                if route.roles == nil {
                    #expect(security == [], "\(key) is public: it needs security: []")
                } else {
                    #expect(security == nil || security?.isEmpty == false, "\(key) needs a token: it must not have security: []")
                    #expect(document.response(operation, status: 401) != nil, "\(key) does not document 401")
                }
                if let roles = route.roles, !roles.isEmpty {
                    #expect(document.response(operation, status: 403) != nil, "\(key) does not document 403")
                }
                #expect(document.response(operation, status: 500) != nil, "\(key) does not document 500")
                if operation["requestBody"] != nil {
                    #expect(document.response(operation, status: 400) != nil, "\(key) has a body but does not document 400")
                    #expect(document.response(operation, status: 413) != nil, "\(key) has a body but does not document 413")
                }
                // Path parameters are declared, required and in the path.
                let names = route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
                let declared = (operation["parameters"]?.arrayValue ?? []).filter { $0["in"] == .string("path") }
                #expect(Set(declared.compactMap { $0["name"]?.stringValue }) == Set(names), "\(key): path parameters")
                #expect(declared.allSatisfy { $0["required"] == .bool(true) }, "\(key): path parameters must be required")
            }

            let global = document.root["security"]?.arrayValue ?? []
            #expect(global.contains { $0["bearer"] != nil }, "bearer security must apply globally")
            #expect(document.root["components"]?["securitySchemes"]?["bearer"]?["scheme"] == .string("bearer"))
            for name in ["User", "Unit", "Device", "Token", "Login", "Error", "Health", "MapConfig", "UserList", "TrackFeatureCollection"] {
                #expect(document.root["components"]?["schemas"]?[name] != nil, "components/schemas/\(name) is missing")
            }

            // Every $ref resolves, and every schema keyword is one the validator checks or an annotation.
            for reference in OpenAPIDocument.references(in: document.root) {
                #expect(document.validator.resolve(reference) != nil, "unresolvable $ref \(reference)")
            }
            let unsupported = document.schemas().flatMap { JSONSchemaValidator.unsupportedKeywords(in: $0.schema, path: $0.path) }
            #expect(unsupported.isEmpty, "schema keywords the validator does not check: \(unsupported)")
        }
    }

    static func expectedRoles(_ route: APIRoute) -> Set<String> {
        guard let roles = route.roles else { return ["public"] }
        if roles.isEmpty { return ["any authenticated user"] }
        var names = Set(roles.map(\.rawValue))
        if route.patrolOwnUnit { names.insert("patrol (own unit)") }
        return names
    }

    // MARK: A real session against the document

    @Test func testRealSessionMatchesTheDocument() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let document = try OpenAPIDocument(try await client.send("GET", "/api/openapi.json").body)
            var s = OpenAPISession(client: client, document: document)

            // Public endpoints.
            try await s.call("GET", "/healthz", expect: 200)
            try await s.call("GET", "/map-config.json", expect: 200)
            try await s.call("GET", "/api/openapi.json", expect: 200)

            // Login, and who am I.
            let login = try await s.call("POST", "/api/v1/auth/login", json: ["username": "admin", "password": TestServer.adminPassword], expect: 200)
            let admin = try #require(login.json?["token"] as? String)
            try await s.call(
                "POST", "/api/v1/auth/login", json: ["username": "admin", "password": "not-the-password"], expect: 401, error: "invalid_credentials"
            )
            try await s.call("POST", "/api/v1/auth/login", json: ["username": "admin"], expect: 400, error: "invalid_field")
            try await s.call("POST", "/api/v1/auth/login", raw: Data("not json".utf8), expect: 400, error: "bad_request")
            try await s.call("GET", "/api/v1/me", token: admin, expect: 200)
            try await s.call("GET", "/api/v1/me", expect: 401, error: "unauthorized")
            try await s.call("GET", "/api/v1/me", token: "mgis_no-such-token", expect: 401, error: "unauthorized")
            let expired = try server.token(for: "expired-admin", roles: [.admin], validForMillis: -1000)
            try await s.call("GET", "/api/v1/me", token: expired, expect: 401, error: "token_expired")

            // Units.
            let alpha = try await s.call(
                "POST", "/api/v1/units", token: admin, json: ["name": "Alpha", "callSign": "ALPHA-1", "homeStation": "Vilnius"], expect: 201
            )
            let unitID = try #require(alpha.json?["id"] as? String)
            let bravo = try await s.call("POST", "/api/v1/units", token: admin, json: ["name": "Bravo", "callSign": "BRAVO-2"], expect: 201)
            let otherUnitID = try #require(bravo.json?["id"] as? String)
            try await s.call(
                "POST", "/api/v1/units", token: admin, json: ["name": "Alpha bis", "callSign": "ALPHA-1"], expect: 409, error: "conflict"
            )
            try await s.call(
                "POST", "/api/v1/units", token: admin, json: ["name": "Charlie", "callSign": "C-3", "colour": "red"], expect: 400,
                error: "invalid_field"
            )
            try await s.call("POST", "/api/v1/units", token: admin, json: ["name": 5, "callSign": "C-3"], expect: 400, error: "invalid_field")
            try await s.call("POST", "/api/v1/units", token: admin, json: ["name": "Charlie"], expect: 400, error: "invalid_field")
            let huge = Data(("{\"name\":\"" + String(repeating: "x", count: 70 * 1024) + "\",\"callSign\":\"H-1\"}").utf8)
            try await s.call("POST", "/api/v1/units", token: admin, raw: huge, expect: 413, error: "body_too_large")
            try await s.call("GET", "/api/v1/units", token: admin, expect: 200)
            try await s.call("GET", "/api/v1/units/{id}", id: unitID, token: admin, expect: 200)
            try await s.call("GET", "/api/v1/units/{id}", id: "999999", token: admin, expect: 404, error: "not_found")
            try await s.call("GET", "/api/v1/units/{id}", id: "abc", token: admin, expect: 404, error: "not_found")
            try await s.call("PATCH", "/api/v1/units/{id}", id: unitID, token: admin, json: ["homeStation": "Vilnius HQ"], expect: 200)
            try await s.call(
                "PATCH", "/api/v1/units/{id}", id: otherUnitID, token: admin, json: ["callSign": "ALPHA-1"], expect: 409, error: "conflict"
            )
            try await s.call("PATCH", "/api/v1/units/{id}", id: "999999", token: admin, json: ["name": "Ghost"], expect: 404, error: "not_found")

            // Users.
            let officer = try await s.call(
                "POST", "/api/v1/users", token: admin,
                json: ["name": "officer.one", "roles": ["patrol"], "password": "patrol-password-1", "unit": unitID], expect: 201
            )
            let officerID = try #require(officer.json?["id"] as? Int)
            let analyst = try await s.call("POST", "/api/v1/users", token: admin, json: ["name": "analyst.one", "roles": ["analyst"]], expect: 201)
            let analystID = try #require(analyst.json?["id"] as? Int)
            #expect(analyst.json?["unit"] == nil, "a user without a unit has no 'unit' key")
            try await s.call(
                "POST", "/api/v1/users", token: admin, json: ["name": "x", "roles": ["admin"], "shoeSize": 44], expect: 400, error: "invalid_field"
            )
            try await s.call("POST", "/api/v1/users", token: admin, json: ["name": "x", "roles": "admin"], expect: 400, error: "invalid_field")
            try await s.call("POST", "/api/v1/users", token: admin, json: ["name": "x", "roles": ["wizard"]], expect: 400, error: "invalid_field")
            try await s.call(
                "POST", "/api/v1/users", token: admin, json: ["name": "x", "roles": ["admin"], "password": "short"], expect: 400,
                error: "invalid_field"
            )
            try await s.call(
                "POST", "/api/v1/users", token: admin, json: ["name": "y", "roles": ["patrol"], "unit": "999999"], expect: 400, error: "invalid_field"
            )
            try await s.call(
                "POST", "/api/v1/users", token: admin, json: ["name": "officer.one", "roles": ["patrol"], "unit": unitID], expect: 409, error: "conflict"
            )
            // A patrol user without a unit would see nothing: refused, on creation and by a change.
            try await s.call("POST", "/api/v1/users", token: admin, json: ["name": "z", "roles": ["patrol"]], expect: 400, error: "invalid_field")
            try await s.call(
                "PATCH", "/api/v1/users/{id}", id: "\(officerID)", token: admin, json: ["unit": NSNull()], expect: 400, error: "invalid_field"
            )
            try await s.call("GET", "/api/v1/users", token: admin, expect: 200)
            try await s.call("GET", "/api/v1/users/{id}", id: "\(officerID)", token: admin, expect: 200)
            try await s.call("GET", "/api/v1/users/{id}", id: "999999", token: admin, expect: 404, error: "not_found")
            let moved = try await s.call(
                "PATCH", "/api/v1/users/{id}", id: "\(analystID)", token: admin, json: ["roles": ["analyst", "display"], "unit": unitID], expect: 200
            )
            #expect(moved.json?["unit"] as? String == unitID)
            let cleared = try await s.call("PATCH", "/api/v1/users/{id}", id: "\(analystID)", token: admin, json: ["unit": NSNull()], expect: 200)
            #expect(cleared.json?["unit"] == nil)
            try await s.call(
                "PATCH", "/api/v1/users/{id}", id: "\(analystID)", token: admin, json: ["disabled": "yes"], expect: 400, error: "invalid_field"
            )
            try await s.call(
                "PATCH", "/api/v1/users/{id}", id: "\(analystID)", token: admin, json: ["nickname": "al"], expect: 400, error: "invalid_field"
            )
            try await s.call("PATCH", "/api/v1/users/{id}", id: "999999", token: admin, json: ["disabled": true], expect: 404, error: "not_found")

            // A patrol officer: confined to its unit, refused elsewhere.
            let patrolLogin = try await s.call(
                "POST", "/api/v1/auth/login", json: ["username": "officer.one", "password": "patrol-password-1"], expect: 200
            )
            let patrol = try #require(patrolLogin.json?["token"] as? String)
            try await s.call("GET", "/api/v1/users", token: patrol, expect: 403, error: "forbidden")
            let own = try await s.call("GET", "/api/v1/units", token: patrol, expect: 200)
            #expect((own.json?["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [unitID])
            try await s.call("GET", "/api/v1/units/{id}", id: otherUnitID, token: patrol, expect: 404, error: "not_found")

            // Tokens.
            let issued = try await s.call(
                "POST", "/api/v1/tokens", token: admin, json: ["user": analystID, "label": "wall display", "days": 30], expect: 201
            )
            let issuedID = try #require(issued.json?["id"] as? Int)
            let issuedValue = try #require(issued.json?["token"] as? String)
            try await s.call("GET", "/api/v1/me", token: issuedValue, expect: 200)
            try await s.call("POST", "/api/v1/tokens", token: admin, json: ["user": "analyst.one"], expect: 400, error: "invalid_field")
            try await s.call("POST", "/api/v1/tokens", token: admin, json: ["user": analystID, "days": 0], expect: 400, error: "invalid_field")
            try await s.call("POST", "/api/v1/tokens", token: admin, json: ["label": "nobody's"], expect: 400, error: "invalid_field")
            try await s.call("POST", "/api/v1/tokens", token: admin, json: ["user": 999999], expect: 404, error: "not_found")
            try await s.call("GET", "/api/v1/tokens", token: admin, expect: 200)
            let mine = try await s.call("GET", "/api/v1/tokens", query: "user=\(analystID)", token: admin, expect: 200)
            #expect((mine.json?["items"] as? [[String: Any]])?.map { $0["user"] as? Int } == [analystID])
            try await s.call("DELETE", "/api/v1/tokens/{id}", id: "\(issuedID)", token: admin, expect: 204)
            try await s.call("DELETE", "/api/v1/tokens/{id}", id: "\(issuedID)", token: admin, expect: 404, error: "not_found")
            try await s.call("GET", "/api/v1/me", token: issuedValue, expect: 401, error: "token_revoked")
            let withRevoked = try await s.call("GET", "/api/v1/tokens", query: "user=\(analystID)", token: admin, expect: 200)
            #expect((withRevoked.json?["items"] as? [[String: Any]])?.first?["revoked"] is String)

            // Devices.
            let tracker = try await s.call(
                "POST", "/api/v1/devices", token: admin, json: ["id": 7001, "name": "tracker-7001", "unit": unitID], expect: 201
            )
            let keyHex = try #require(tracker.json?["key"] as? String)
            let teltonika = try await s.call("POST", "/api/v1/devices", token: admin, json: ["name": "fmb-1", "imei": "356307042441013"], expect: 201)
            let teltonikaID = try #require(teltonika.json?["id"] as? Int)
            #expect(teltonika.json?["key"] == nil && teltonika.json?["kind"] as? String == "teltonika")
            try await s.call("POST", "/api/v1/devices", token: admin, json: ["name": "tracker-7001"], expect: 409, error: "conflict")
            try await s.call("POST", "/api/v1/devices", token: admin, json: ["name": "t-2", "id": "7002"], expect: 400, error: "invalid_field")
            try await s.call("POST", "/api/v1/devices", token: admin, json: ["name": "t-2", "id": 0], expect: 400, error: "invalid_field")
            try await s.call("GET", "/api/v1/devices", token: admin, expect: 200)
            try await s.call("GET", "/api/v1/devices", token: patrol, expect: 403, error: "forbidden")
            // Unregistered Teltonika IMEIs, as the ingest notes them: the answer is validated against the document.
            try await server.store.noteUnknownIMEIs([
                UnknownIMEI(imei: "490154203237518", firstMillis: WallClock.nowMillis() - 60_000, lastMillis: WallClock.nowMillis(), packets: 2)
            ])
            let unknown = try await s.call("GET", "/api/v1/devices/unknown", token: admin, expect: 200)
            #expect((unknown.json?["items"] as? [[String: Any]])?.map { $0["imei"] as? String } == ["490154203237518"], "\(unknown.text)")
            try await s.call("GET", "/api/v1/devices/unknown", token: patrol, expect: 403, error: "forbidden")
            try await s.call("GET", "/api/v1/devices/unknown", expect: 401, error: "unauthorized")
            try await s.call(
                "PATCH", "/api/v1/devices/{id}", id: "\(teltonikaID)", token: admin,
                json: ["name": "fmb-1-renamed", "enabled": false, "unit": otherUnitID], expect: 200
            )
            let unassigned = try await s.call("PATCH", "/api/v1/devices/{id}", id: "\(teltonikaID)", token: admin, json: ["unit": NSNull()], expect: 200)
            #expect(unassigned.json?["unit"] == nil)
            try await s.call(
                "PATCH", "/api/v1/devices/{id}", id: "\(teltonikaID)", token: admin, json: ["enabled": "no"], expect: 400, error: "invalid_field"
            )
            try await s.call("PATCH", "/api/v1/devices/{id}", id: "7001", token: admin, json: ["name": "fmb-1-renamed"], expect: 409, error: "conflict")
            try await s.call("PATCH", "/api/v1/devices/{id}", id: "999999", token: admin, json: ["name": "x"], expect: 404, error: "not_found")

            // A real MTP/1 datagram from the tracker just registered, with the key the API returned.
            let key = try #require(Hex.decode(keyHex))
            let auth = MTPAuthenticator(key: key)
            let fixes = Fixes.make(count: 3, start: WallClock.nowMillis() / 10 * 10 - 10_000)  // all before 'now'
            let datagram = MTPCodec.encode(device: 7001, seq: 1, fixes: fixes, authenticator: auth)
            let udp = UDPTestClient(port: server.udpPort)
            var ack: [UInt8]? = nil
            for _ in 0..<20 where ack == nil {  // the ingest registry polls every 200 ms
                ack = await udp.exchange(datagram, timeoutMilliseconds: 250)
            }
            let ackBytes = try #require(ack, "no ACK from the tracker registered over the API")
            #expect(try ackBytes.withUnsafeBytes { try MTPCodec.verifyAck($0, authenticator: auth) }.status == MTPAckStatus.stored.rawValue)

            // Track.
            let track = try await s.call("GET", "/api/v1/units/{id}/track", id: unitID, token: admin, expect: 200)
            #expect((track.json?["features"] as? [Any])?.count == 4, "one LineString and three Points: \(track.text)")
            let now = WallClock.nowMillis() / 1000
            let formatter = ISO8601DateFormatter()
            let to = formatter.string(from: Date(timeIntervalSince1970: Double(now + 600)))
            let ranged = try await s.call("GET", "/api/v1/units/{id}/track", id: unitID, query: "from=\(now - 3600)&to=\(to)", token: admin, expect: 200)
            #expect((ranged.json?["features"] as? [Any])?.count == 4)
            let empty = try await s.call("GET", "/api/v1/units/{id}/track", id: unitID, query: "to=\(now - 3600)", token: admin, expect: 200)
            #expect((empty.json?["features"] as? [Any])?.isEmpty == true)
            try await s.call(
                "GET", "/api/v1/units/{id}/track", id: unitID, query: "from=yesterday", token: admin, expect: 400, error: "invalid_field"
            )
            try await s.call(
                "GET", "/api/v1/units/{id}/track", id: unitID, query: "from=\(now)&to=\(now - 60)", token: admin, expect: 400, error: "invalid_field"
            )
            try await s.call("GET", "/api/v1/units/{id}/track", id: "999999", token: admin, expect: 404, error: "not_found")
            try await s.call("GET", "/api/v1/units/{id}/track", id: unitID, token: patrol, expect: 200)
            try await s.call("GET", "/api/v1/units/{id}/track", id: otherUnitID, token: patrol, expect: 404, error: "not_found")
            let display = try server.token(for: "wall", roles: [.display])
            try await s.call("GET", "/api/v1/units/{id}/track", id: unitID, token: display, expect: 403, error: "forbidden")

            // Metrics.
            try await s.call("GET", "/metrics", token: admin, expect: 200)
            try await s.call("GET", "/metrics", token: patrol, expect: 403, error: "forbidden")
            let traceFile = "openapi-" + UUID().uuidString + ".trace"
            try await s.call("GET", "/api/v1/recording", token: admin, expect: 200)
            try await s.call("GET", "/api/v1/recording", token: patrol, expect: 403, error: "forbidden")
            try await s.call("PUT", "/api/v1/recording", token: admin, json: ["file": traceFile, "maxMegabytes": 1], expect: 200)
            try await s.call("PUT", "/api/v1/recording", token: admin, json: ["file": traceFile], expect: 409, error: "conflict")
            try await s.call("PUT", "/api/v1/recording", token: admin, json: ["file": traceFile + ".2", "maxMegabytes": 0], expect: 400, error: "invalid_field")
            try await s.call("PUT", "/api/v1/recording", token: admin, json: ["file": "/tmp/" + traceFile], expect: 422, error: "invalid_field")
            try await s.call("PUT", "/api/v1/recording", token: admin, json: ["file": "more.trace", "maxMegabytes": 2048], expect: 507, error: "recordings_full")
            try await s.call("PUT", "/api/v1/recording", token: admin, json: ["active": false], expect: 200)

            // The live feed, as plain HTTP and as a real upgrade.
            let auditor = try server.token(for: "auditor", roles: [.auditor])
            try await s.call("GET", "/api/v1/live", token: admin, expect: 200)
            try await s.call("GET", "/api/v1/live", expect: 401, error: "unauthorized")
            try await s.call("GET", "/api/v1/live", token: auditor, expect: 403, error: "forbidden")
            try await s.upgrade(port: server.httpPort, token: admin, expect: 101)
            try await s.upgrade(port: server.httpPort, token: "mgis_no-such-token", expect: 400)
            try await s.upgrade(port: server.httpPort, token: auditor, expect: 400)

            // Tasks, alerts, templates and reports.
            try await Self.exerciseTasks(&s, server: server, unitID: unitID)
            try await Self.exerciseViolations(&s, server: server, unitID: unitID)

            // Deleting a unit.
            try await s.call("DELETE", "/api/v1/units/{id}", id: otherUnitID, token: admin, expect: 204)
            try await s.call("DELETE", "/api/v1/units/{id}", id: otherUnitID, token: admin, expect: 404, error: "not_found")

            // The auditor's API.
            let auditorToken = try server.token(for: "auditor.one", roles: [.auditor])
            try await Task.sleep(for: .milliseconds(100))  // reads are committed within one batch interval
            let page = try await s.call("GET", "/api/v1/audit", token: auditorToken, expect: 200)
            #expect((page.json?["items"] as? [Any])?.isEmpty == false)
            try await s.call("GET", "/api/v1/audit", query: "action=unit.create&limit=5", token: auditorToken, expect: 200)
            try await s.call("GET", "/api/v1/audit", query: "format=csv", token: auditorToken, expect: 200)
            try await s.call("GET", "/api/v1/audit", query: "limit=0", token: auditorToken, expect: 400, error: "invalid_field")
            try await s.call("GET", "/api/v1/audit", token: admin, expect: 403, error: "forbidden")
            try await s.call("GET", "/api/v1/audit/status", token: auditorToken, expect: 200)

            // Disabling a user revokes its tokens; logging out revokes the session.
            try await s.call("PATCH", "/api/v1/users/{id}", id: "\(officerID)", token: admin, json: ["disabled": true], expect: 200)
            try await s.call("GET", "/api/v1/me", token: patrol, expect: 401, error: "token_revoked")
            try await s.call(
                "POST", "/api/v1/auth/login", json: ["username": "officer.one", "password": "patrol-password-1"], expect: 401,
                error: "invalid_credentials"
            )
            try await s.call("POST", "/api/v1/auth/logout", token: admin, expect: 204)
            try await s.call("GET", "/api/v1/me", token: admin, expect: 401, error: "token_revoked")
            try await s.call("POST", "/api/v1/auth/logout", token: admin, expect: 401, error: "token_revoked")

            // Every documented operation was exercised (tiles need an MBTiles file: TilesTests).
            for operation in document.operations.keys.sorted() where operation != "GET /tiles/{z}/{x}/{y}" {
                #expect(s.exercised[operation]?.isEmpty == false, "\(operation) was never called")
            }
        }
    }

    // MARK: Live feed frames against their schemas

    @Test func testLiveFeedFramesMatchTheirSchemas() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let document = try OpenAPIDocument(try await HTTPTestClient(port: server.httpPort).send("GET", "/api/openapi.json").body)
            let unitA = try server.store.createUnit(name: "Alpha", callSign: "ALPHA-1", homeStation: "Vilnius")
            let unitB = try server.store.createUnit(name: "Bravo", callSign: "BRAVO-2", homeStation: "Kaunas")
            let auth = try await server.addDevice(301)
            try server.store.assignDevice(DeviceID(unchecked: 301), toUnit: unitA.id)
            try server.server.refreshLiveDirectory()
            let token = try server.token(for: "dispatcher", roles: [.dispatcher])
            let udpPort = server.udpPort
            try await LiveFeedClient.with(port: server.httpPort, token: token) { session in
                let snapshot = try await Self.frame(session, type: "snapshot")
                document.expectValid(snapshot, "LiveSnapshotFrame")
                #expect(snapshot["units"]?.arrayValue?.count == 2)
                // A real fix, with unknown speed and heading (null in the frame).
                var fix = Fixes.make(count: 1)[0]
                fix.speedCmS = Fix.unknownSpeed
                fix.headingCentiDeg = Fix.unknownHeading
                let reply = await UDPTestClient(port: udpPort).exchange(MTPCodec.encode(device: 301, seq: 1, fixes: [fix], authenticator: auth))
                #expect(reply != nil, "no ACK")
                let positions = try await Self.frame(session, type: "positions")
                document.expectValid(positions, "LivePositionsFrame")
                #expect(positions["items"]?.arrayValue?.first?["speed"] == .null)
                // A subscribe that is not valid: an error frame, the feed goes on.
                let bad = #"{"type":"subscribe","colour":"red"}"#
                #expect(document.violation(try JSONSchemaValue.parse(bad), "LiveSubscribe") != nil, "the schema must refuse \(bad)")
                session.send(bad)
                document.expectValid(try await Self.frame(session, type: "error"), "LiveErrorFrame")
                // A valid subscribe: a fresh snapshot of that unit only, with its position.
                let good = #"{"type":"subscribe","units":["\#(unitA.id)"],"bbox":[20.0,50.0,30.0,60.0]}"#
                document.expectValid(try JSONSchemaValue.parse(good), "LiveSubscribe")
                session.send(good)
                let narrowed = try await Self.frame(session, type: "snapshot")
                document.expectValid(narrowed, "LiveSnapshotFrame")
                #expect(narrowed["units"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["\(unitA.id)"])
                #expect(narrowed["units"]?.arrayValue?.first?["position"]?.objectValue != nil)
                _ = unitB
            }
        }
    }

    /// The next frame of `type`, skipping others, as a `JSONSchemaValue`. The session hands out
    /// parsed objects, so the frame is written back and read again; the frames hold no booleans,
    /// so nothing is blurred on the way (a whole number may come back without its ".0", which
    /// "number" accepts).
    static func frame(_ session: LiveFeedSession, type: String) async throws -> JSONSchemaValue {
        let object = try await session.next(type: type)
        return try JSONSchemaValue.parse(try JSONSerialization.data(withJSONObject: object))
    }

    // MARK: The validator itself

    @Test func testValidatorReportsTheFirstViolationWithItsPath() throws {
        let root = try JSONSchemaValue.parse(
            """
            {"components": {"schemas": {
              "Person": {"type": "object", "required": ["name", "age"], "additionalProperties": false,
                         "properties": {"name": {"type": "string", "minLength": 1}, "age": {"type": "integer", "minimum": 0},
                                        "nick": {"type": ["string", "null"]}, "kind": {"enum": ["a", "b"]},
                                        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1}}},
              "People": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Person"}}}},
              "Shape": {"oneOf": [{"type": "object", "required": ["r"], "properties": {"kind": {"const": "circle"}}},
                                  {"type": "object", "required": ["w"], "properties": {"kind": {"const": "square"}}}]}
            }}}
            """
        )
        let validator = JSONSchemaValidator(root: root)
        let people = try #require(validator.resolve("#/components/schemas/People"))
        func check(_ json: String, _ schema: JSONSchemaValue? = nil) throws -> JSONSchemaViolation? {
            validator.validate(try JSONSchemaValue.parse(json), against: schema ?? people)
        }

        #expect(try check(#"{"items": [{"name": "Ann", "age": 30, "nick": null, "kind": "a", "tags": ["x"]}, {"name": "Bo", "age": 4}]}"#) == nil)

        let wrongType = try check(#"{"items": [{"name": "Ann", "age": 30}, {"name": "Bo", "age": "four"}]}"#)
        #expect(wrongType?.path == "$.items[1].age")
        #expect(wrongType?.message.contains("expected integer") == true, "\(String(describing: wrongType))")

        let notWhole = try check(#"{"items": [{"name": "Ann", "age": 30.5}]}"#)
        #expect(notWhole?.path == "$.items[0].age")

        let missing = try check(#"{"items": [{"name": "Ann"}]}"#)
        #expect(missing?.path == "$.items[0]")
        #expect(missing?.message.contains("'age'") == true, "\(String(describing: missing))")

        let extra = try check(#"{"items": [{"name": "Ann", "age": 3, "shoeSize": 44}]}"#)
        #expect(extra?.path == "$.items[0].shoeSize")
        #expect(extra?.message.contains("not allowed") == true)

        #expect(try check(#"{"items": [{"name": "Ann", "age": 3, "kind": "c"}]}"#)?.path == "$.items[0].kind")
        #expect(try check(#"{"items": [{"name": "Ann", "age": 3, "nick": 7}]}"#)?.path == "$.items[0].nick")
        #expect(try check(#"{"items": [{"name": "Ann", "age": 3, "tags": []}]}"#)?.path == "$.items[0].tags")
        #expect(try check(#"{"items": [{"name": "Ann", "age": 3, "tags": ["x", true]}]}"#)?.path == "$.items[0].tags[1]")
        #expect(try check(#"{"items": [{"name": "", "age": 3}]}"#)?.path == "$.items[0].name")
        #expect(try check(#"{"items": [{"name": "Ann", "age": -1}]}"#)?.path == "$.items[0].age")
        #expect(try check(#"{"items": {}}"#)?.path == "$.items")
        #expect(try check(#"[]"#)?.message.contains("expected object") == true)

        let shape = try #require(validator.resolve("#/components/schemas/Shape"))
        #expect(try check(#"{"kind": "circle", "r": 1}"#, shape) == nil)
        #expect(try check(#"{"kind": "circle", "w": 1}"#, shape)?.message.contains("none of oneOf") == true)
        #expect(try check(#"{"r": 1, "w": 1}"#, shape)?.message.contains("2 branches") == true)
        #expect(validator.validate(.null, against: .object(["$ref": .string("#/components/schemas/Nope")]))?.message.contains("unresolvable") == true)

        // The same against the API document's own schemas.
        let user = try JSONSchemaValue.parse(#"{"id": 1, "name": "a", "roles": "admin", "disabled": false, "created": "2025-01-01T00:00:00.000Z"}"#)
        let api = JSONSchemaValidator(root: try Self.bundledDocument())
        #expect(api.validate(user, against: .object(["$ref": .string("#/components/schemas/User")]))?.path == "$.roles")
    }

    /// The document as shipped in the resources, read from the source tree.
    static func bundledDocument() throws -> JSONSchemaValue {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try JSONSchemaValue.parse(try Data(contentsOf: tests.appendingPathComponent("Sources/MGISHTTP/Public/openapi.json")))
    }
}

/// The parsed OpenAPI document: operations by `METHOD /path`, responses, schemas.
struct OpenAPIDocument: Sendable {
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    let root: JSONSchemaValue
    let validator: JSONSchemaValidator
    /// `"GET /api/v1/units/{id}"` -> the operation object.
    let operations: [String: JSONSchemaValue]

    init(_ data: Data) throws {
        root = try JSONSchemaValue.parse(data)
        validator = JSONSchemaValidator(root: root)
        var operations: [String: JSONSchemaValue] = [:]
        for (path, item) in root["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] where Self.methods.contains(method) {
                operations["\(method.uppercased()) \(path)"] = operation
            }
        }
        self.operations = operations
    }

    /// The response object of `status` (with `$ref`s to components/responses followed).
    func response(_ operation: JSONSchemaValue, status: Int) -> JSONSchemaValue? {
        guard var response = operation["responses"]?["\(status)"] else { return nil }
        while let reference = response["$ref"]?.stringValue {
            guard let target = validator.resolve(reference) else { return nil }
            response = target
        }
        return response
    }

    /// The violation of the component schema `name` by `value`, if any.
    func violation(_ value: JSONSchemaValue, _ name: String) -> JSONSchemaViolation? {
        validator.validate(value, against: .object(["$ref": .string("#/components/schemas/\(name)")]))
    }

    func expectValid(_ value: JSONSchemaValue, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let violation = violation(value, name) {
            Issue.record("not a valid \(name): \(violation) in \(value)", sourceLocation: sourceLocation)
        }
    }

    /// Every `$ref` string anywhere in `value`.
    static func references(in value: JSONSchemaValue) -> [String] {
        switch value {
        case .object(let object):
            return (object["$ref"]?.stringValue.map { [$0] } ?? []) + object.values.flatMap { references(in: $0) }
        case .array(let items): return items.flatMap { references(in: $0) }
        default: return []
        }
    }

    /// Every schema of the document: components, request bodies, responses and parameters.
    func schemas() -> [(path: String, schema: JSONSchemaValue)] {
        var found: [(String, JSONSchemaValue)] = []
        for (name, schema) in root["components"]?["schemas"]?.objectValue ?? [:] {
            found.append(("#/components/schemas/\(name)", schema))
        }
        func contents(_ owner: JSONSchemaValue?, _ path: String) {
            for (media, content) in owner?["content"]?.objectValue ?? [:] {
                if let schema = content["schema"] { found.append(("\(path)/content/\(media)", schema)) }
            }
        }
        for (name, response) in root["components"]?["responses"]?.objectValue ?? [:] {
            contents(response, "#/components/responses/\(name)")
        }
        for (key, operation) in operations {
            contents(operation["requestBody"], "\(key) requestBody")
            for (status, response) in operation["responses"]?.objectValue ?? [:] {
                contents(response, "\(key) \(status)")
                for (header, value) in response["headers"]?.objectValue ?? [:] {
                    if let schema = value["schema"] { found.append(("\(key) \(status) header \(header)", schema)) }
                }
            }
            for parameter in operation["parameters"]?.arrayValue ?? [] {
                if let schema = parameter["schema"] { found.append(("\(key) parameter \(parameter["name"] ?? .null)", schema)) }
            }
        }
        return found
    }
}

/// Requests of one test, each checked against the document as it is answered.
struct OpenAPISession {
    let client: HTTPTestClient
    let document: OpenAPIDocument
    /// `"METHOD /template"` -> statuses seen.
    private(set) var exercised: [String: Set<Int>] = [:]

    init(client: HTTPTestClient, document: OpenAPIDocument) {
        self.client = client
        self.document = document
    }

    /// Sends a request to the operation `method template` (with `{id}` replaced by `id`) and checks
    /// the status, the error code and the answer against the document.
    @discardableResult
    mutating func call(
        _ method: String,
        _ template: String,
        id: String? = nil,
        query: String? = nil,
        token: String? = nil,
        json: [String: Any]? = nil,
        raw: Data? = nil,
        headers: [String: String] = [:],
        expect status: Int,
        error code: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HTTPTestClient.Reply {
        var path = id.map { template.replacingOccurrences(of: "{id}", with: $0) } ?? template
        if let query { path += "?" + query }
        let reply = try await client.send(method, path, token: token, json: json, raw: raw, headers: headers)
        let label = "\(method) \(path)"
        #expect(reply.status == status, "\(label): \(reply.status) \(reply.text.prefix(300))", sourceLocation: sourceLocation)
        if let code {
            #expect(reply.json?["error"] as? String == code, "\(label): error \(reply.text.prefix(300))", sourceLocation: sourceLocation)
        }
        check(method, template, label: label, status: reply.status, contentType: reply.headers["content-type"], body: reply.body, sourceLocation: sourceLocation)
        // A request the server accepted must conform to the documented request body.
        if (200..<300).contains(reply.status), let json {
            checkRequest(method, template, label: label, body: try JSONSerialization.data(withJSONObject: json), sourceLocation: sourceLocation)
        }
        return reply
    }

    /// Opens a real WebSocket upgrade of `/api/v1/live` (token in the query) and checks the answer's status.
    mutating func upgrade(port: Int, token: String, expect status: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let request =
            "GET /api/v1/live?token=\(token) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        let head = try #require(await OpenAPIRawHTTP.head(port: port, request: request), "no answer to the upgrade", sourceLocation: sourceLocation)
        let statusLine = head.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let parts = statusLine.split(separator: " ")
        let seen = parts.count >= 2 ? Int(parts[1]) ?? 0 : 0
        #expect(seen == status, "upgrade with token \(token.prefix(12))...: \(statusLine)", sourceLocation: sourceLocation)
        // A refused upgrade has no body (Content-Length: 0); 101 has none either.
        let lower = head.lowercased()
        if seen != 101 {
            #expect(lower.contains("content-length: 0"), "refused upgrade with a body: \(head)", sourceLocation: sourceLocation)
        }
        check("GET", "/api/v1/live", label: "upgrade /api/v1/live", status: seen, contentType: nil, body: Data(), sourceLocation: sourceLocation)
    }

    /// Checks that `status` is documented for the operation and that the body matches its content.
    mutating func check(
        _ method: String, _ template: String, label: String, status: Int, contentType: String?, body: Data, sourceLocation: SourceLocation
    ) {
        let key = "\(method) \(template)"
        exercised[key, default: []].insert(status)
        guard let operation = document.operations[key] else {
            Issue.record("\(key) is not in the document", sourceLocation: sourceLocation)
            return
        }
        guard let response = document.response(operation, status: status) else {
            Issue.record("\(label): status \(status) is not documented for \(key)", sourceLocation: sourceLocation)
            return
        }
        let content = response["content"]?.objectValue ?? [:]
        if body.isEmpty {
            #expect(content.isEmpty, "\(label): \(status) has no body but the document describes \(content.keys.sorted())", sourceLocation: sourceLocation)
            return
        }
        let media = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let described = content[media] else {
            Issue.record("\(label): \(status) answered \(media), the document has \(content.keys.sorted())", sourceLocation: sourceLocation)
            return
        }
        guard media.hasSuffix("json"), let schema = described["schema"] else { return }
        do {
            let value = try JSONSchemaValue.parse(body)
            if let violation = document.validator.validate(value, against: schema) {
                Issue.record(
                    "\(label): \(status) body breaks the documented schema at \(violation): \(String(decoding: body.prefix(500), as: UTF8.self))",
                    sourceLocation: sourceLocation
                )
            }
        } catch {
            Issue.record("\(label): \(status) body is not JSON: \(error)", sourceLocation: sourceLocation)
        }
    }

    private func checkRequest(_ method: String, _ template: String, label: String, body: Data, sourceLocation: SourceLocation) {
        guard let operation = document.operations["\(method) \(template)"] else { return }
        guard let schema = operation["requestBody"]?["content"]?["application/json"]?["schema"] else {
            Issue.record("\(label): the server accepted a JSON body the document does not describe", sourceLocation: sourceLocation)
            return
        }
        do {
            if let violation = document.validator.validate(try JSONSchemaValue.parse(body), against: schema) {
                Issue.record("\(label): the server accepted a body the document refuses: \(violation)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("\(label): request body: \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// A raw TCP exchange, for requests URLSession will not make (a WebSocket upgrade).
enum OpenAPIRawHTTP {
    /// Sends `request` on a new connection to 127.0.0.1 and returns the answer's head (through the
    /// blank line), or nil. Blocks a thread of its own, never the cooperative pool.
    static func head(port: Int, request: String, timeoutMilliseconds: Int = 5000) async -> String? {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: blockingHead(port: port, request: request, timeoutMilliseconds: timeoutMilliseconds))
            }.start()
        }
    }

    private static func blockingHead(port: Int, request: String, timeoutMilliseconds: Int) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let bytes = Array(request.utf8)
        let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let terminator = Array("\r\n\r\n".utf8)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer.prefix(count)
            if let end = received.firstRange(of: terminator) {
                received = Array(received[..<end.upperBound])
                break
            }
        }
        return received.isEmpty ? nil : String(decoding: received, as: UTF8.self)
    }
}
