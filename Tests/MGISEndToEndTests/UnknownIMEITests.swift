import Foundation
import MGISProtocol
import MGISTestSupport
import Testing

extension EndToEnd {

/// An administrator's path for a new Teltonika tracker: its IMEI is refused and listed by
/// `mgisctl device unknown`, registered with `mgisctl device add --imei`, and then accepted by the
/// running mgisd without a restart.
@Suite struct UnknownIMEITests {
    @Test func testUnknownIMEIIsListedThenRegisteredAndAccepted() async throws {
        let data = try ControlToolTests.directory()
        let daemon = try Daemon(dataDirectory: data)
        defer { daemon.terminate() }
        let http = HTTPTestClient(port: daemon.httpPort)
        var up = false
        for _ in 0..<200 where !up {
            up = (try? await http.send("GET", "/healthz"))?.status == 200
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(up, "mgisd did not answer /healthz")

        let imei = "356307042441013"
        let refused = try TCPTestClient(port: daemon.teltonikaPort)
        #expect(await refused.exchange(TeltonikaCodec.encodeIMEIHandshake(imei), replyCount: 1) == .bytes([0x00]))

        var listed = ""
        for _ in 0..<100 {
            listed = try await onOwnThread { try ControlToolTests.mgisctl(["device", "unknown", "--data", data]).stdout }
            if listed.contains(imei) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let line = listed.split(separator: "\n").first { $0.hasPrefix(imei) }
        #expect(line?.split(separator: "\t").last == "1", "one sighting listed: \(listed)")

        let added = try await onOwnThread { try ControlToolTests.mgisctl(["device", "add", "--data", data, "--name", "fmb-1", "--imei", imei]) }
        #expect(added.status == 0, "\(added.stderr)")
        // mgisd picks registrations up from the store within its poll interval (1 s).
        var accepted = false
        for _ in 0..<50 where !accepted {
            let client = try TCPTestClient(port: daemon.teltonikaPort)
            accepted = await client.exchange(TeltonikaCodec.encodeIMEIHandshake(imei), replyCount: 1) == .bytes([0x01])
            if !accepted { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(accepted, "the registered IMEI was not accepted")
    }
}
}
