import MGISCore
import Testing

@Suite struct IPNetworkTests {
    @Test func testParsesCanonicalisesAndMatches() throws {
        let lan = try #require(IPNetwork("10.20.30.40/16"))
        #expect(lan.description == "10.20.0.0/16", "host bits cleared")
        #expect(lan.contains([10, 20, 255, 1]))
        #expect(!lan.contains([10, 21, 0, 1]))
        #expect(IPNetwork("192.0.2.7")?.description == "192.0.2.7/32")
        let v6 = try #require(IPNetwork("2001:db8:ff::1/32"))
        #expect(v6.description == "2001:db8::/32")
        #expect(v6.contains([0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 7, count: 12)))
        #expect(!v6.contains([0x20, 0x01, 0x0d, 0xb9] + [UInt8](repeating: 0, count: 12)))
        #expect(IPNetwork("0.0.0.0/0")?.contains([203, 0, 113, 9]) == true)
        for bad in ["", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/", "10.0.0.0/-1", "example.org", "::1/129", "1.2.3.4/8/8", "10.0.0.0/ 8"] {
            #expect(IPNetwork(bad) == nil, "\(bad)")
        }
    }

    /// A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d; it is the same address.
    @Test func testIPv4MappedAddressesMatchIPv4Networks() throws {
        let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 20, 1, 2]
        #expect(try #require(IPNetwork("10.20.0.0/16")).contains(mapped))
        #expect(try #require(IPNetwork("::ffff:10.20.0.0/112")).contains([10, 20, 3, 4]))
        #expect(IPNetwork.admits([1, 2, 3, 4], networks: []), "no list: anywhere")
        #expect(!IPNetwork.admits(nil, networks: [try #require(IPNetwork("10.0.0.0/8"))]))
    }
}
