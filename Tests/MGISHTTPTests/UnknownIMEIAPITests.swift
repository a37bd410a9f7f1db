import Foundation
import MGISCore
import MGISServer
import MGISStore
import MGISTestSupport
import Testing

/// `GET /api/v1/devices/unknown` over real HTTP: the Teltonika IMEIs the ingest refused, as the
/// store keeps them, for admins only.
@Suite struct UnknownIMEIAPITests {
    @Test func testAdminSeesUnknownIMEIsMostRecentFirstOthersAreRefused() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "root", roles: [.admin])
            let dispatcher = try server.token(for: "desk", roles: [.dispatcher])

            let none = try await client.send("GET", "/api/v1/devices/unknown", token: admin)
            #expect(none.status == 200, "\(none.text)")
            #expect((none.json?["items"] as? [Any])?.isEmpty == true, "\(none.text)")

            // Two IMEIs; the first seen again later in a second batch, as the ingest's commit loop would.
            try await server.store.noteUnknownIMEIs([
                UnknownIMEI(imei: "356307042441013", firstMillis: 1_746_000_000_000, lastMillis: 1_746_000_060_000, packets: 3),
                UnknownIMEI(imei: "490154203237518", firstMillis: 1_746_000_010_000, lastMillis: 1_746_000_120_500, packets: 1),
            ])
            try await server.store.noteUnknownIMEIs([
                UnknownIMEI(imei: "356307042441013", firstMillis: 1_746_000_180_000, lastMillis: 1_746_000_180_000, packets: 2)
            ])

            let reply = try await client.send("GET", "/api/v1/devices/unknown", token: admin)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true)
            let items = try #require(reply.json?["items"] as? [[String: Any]], "\(reply.text)")
            #expect(items.count == 2, "\(reply.text)")
            guard items.count == 2 else { return }
            #expect(Set(items[0].keys) == ["imei", "firstSeen", "lastSeen", "packets"])
            #expect(items[0]["imei"] as? String == "356307042441013")
            #expect(items[0]["firstSeen"] as? String == "2025-04-30T08:00:00.000Z")
            #expect(items[0]["lastSeen"] as? String == "2025-04-30T08:03:00.000Z")
            #expect(items[0]["packets"] as? Int == 5)
            #expect(items[1]["imei"] as? String == "490154203237518")
            #expect(items[1]["firstSeen"] as? String == "2025-04-30T08:00:10.000Z")
            #expect(items[1]["lastSeen"] as? String == "2025-04-30T08:02:00.500Z")
            #expect(items[1]["packets"] as? Int == 1)

            // Registering an IMEI takes it off the list.
            let registered = try await client.send(
                "POST", "/api/v1/devices", token: admin, json: ["name": "fmb-441013", "imei": "356307042441013"]
            )
            #expect(registered.status == 201, "\(registered.text)")
            let left = try await client.send("GET", "/api/v1/devices/unknown", token: admin).json?["items"] as? [[String: Any]]
            #expect(left?.map { $0["imei"] as? String } == ["490154203237518"])

            let refused = try await client.send("GET", "/api/v1/devices/unknown", token: dispatcher)
            #expect(refused.status == 403 && refused.json?["error"] as? String == "forbidden", "\(refused.status) \(refused.text)")
            let anonymous = try await client.send("GET", "/api/v1/devices/unknown")
            #expect(anonymous.status == 401 && anonymous.json?["error"] as? String == "unauthorized", "\(anonymous.status) \(anonymous.text)")
        }
    }
}
