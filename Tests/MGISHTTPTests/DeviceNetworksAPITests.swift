import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing

/// `allowedNetworks` of a device through the API: set at registration or later, read back in
/// canonical CIDR form, cleared with null, a bad entry refused with the field named.
@Suite struct DeviceNetworksAPITests {
    @Test func testAllowedNetworksAreSetReadAndCleared() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let http = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "dn-admin", roles: [.admin])
            let created = try await http.send(
                "POST", "/api/v1/devices", token: admin,
                json: ["name": "fmb-9", "imei": "356307042441013", "allowedNetworks": ["10.20.30.40/16", "2001:db8::1/32"]]
            )
            #expect(created.status == 201, "create: \(created.text)")
            #expect(created.json?["allowedNetworks"] as? [String] == ["10.20.0.0/16", "2001:db8::/32"])
            let id = try #require(created.json?["id"] as? Int)
            let stored = try #require(try server.store.device(DeviceID(unchecked: UInt32(id))))
            #expect(stored.allowedNetworks.map(\.description) == ["10.20.0.0/16", "2001:db8::/32"])

            let bad = try await http.send("PATCH", "/api/v1/devices/\(id)", token: admin, json: ["allowedNetworks": ["10.0.0.0/8", "the office"]])
            #expect(bad.status == 400 && (bad.json?["message"] as? String)?.contains("allowedNetworks") == true, "bad: \(bad.text)")
            #expect(try server.store.device(DeviceID(unchecked: UInt32(id)))?.allowedNetworks.count == 2, "a refused change changes nothing")

            let narrowed = try await http.send("PATCH", "/api/v1/devices/\(id)", token: admin, json: ["allowedNetworks": ["192.0.2.7"]])
            #expect(narrowed.json?["allowedNetworks"] as? [String] == ["192.0.2.7/32"], "narrow: \(narrowed.text)")
            let cleared = try await http.send("PATCH", "/api/v1/devices/\(id)", token: admin, json: ["allowedNetworks": NSNull()])
            #expect(cleared.json?["allowedNetworks"] as? [String] == [], "clear: \(cleared.text)")
            let listed = try await http.send("GET", "/api/v1/devices", token: admin)
            #expect((listed.json?["items"] as? [[String: Any]])?.first?["allowedNetworks"] as? [String] == [])
        }
    }
}
