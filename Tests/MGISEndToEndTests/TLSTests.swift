import Foundation
import MGISCore
import MGISStore
import MGISTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {

/// HTTPS as an operator runs it: `mgisd serve --tls-cert --tls-key` with a self-signed
/// certificate from `openssl`, and Python's `ssl` as the client. Waits poll with deadlines; the
/// daemons are terminated (SIGKILL after 25 s) whatever happens.
@Suite(.serialized, .timeLimit(.minutes(3))) struct TLSTests {
    /// A data directory with an admin and a long-lived token for it.
    static func dataDirectory() throws -> (path: String, token: String) {
        let path = NSTemporaryDirectory() + "mgis-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let store = try Store(configuration: StoreConfiguration(path: path + "/mgis.sqlite", synchronous: .normal))
        let user = try store.createUser(name: "tls-admin", roles: [.admin], passwordHash: nil, unitID: nil, nowMillis: 0)
        let generated = TokenFactory.generate()
        _ = try store.insertToken(hash: generated.hash, userID: user.id, kind: .issued, label: "t", nowMillis: 0, expiresMillis: .max)
        return (path, generated.token)
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass.
    static func waitUntil(seconds: Double = 30, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// The address the TCP listener on `port` is bound to, from /proc/net/tcp (hex, e.g.
    /// `0100007F` for 127.0.0.1, `00000000` for every interface).
    static func listeningAddress(port: Int) throws -> String? {
        let suffix = String(format: ":%04X", port)
        let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            // local_address is field 1, st is field 3; 0A is LISTEN.
            if fields.count > 3, fields[1].hasSuffix(suffix), fields[3] == "0A" { return String(fields[1].dropLast(5)) }
        }
        return nil
    }

    @Test func testHTTPSRequestLiveFeedAndCertificateReloadWithoutRestart() async throws {
        let (data, token) = try Self.dataDirectory()
        let (certificate, key) = (data + "/cert.pem", data + "/key.pem")
        try TLSClient.makeCertificate(commonName: "mgis-tls-first", certificate: certificate, key: key)
        try TLSClient.makeCertificate(commonName: "mgis-tls-second", certificate: data + "/second.pem", key: data + "/second-key.pem")
        // The client trusts both, so that after the reload it sees which one the server presents.
        let trusted = data + "/trusted.pem"
        try (String(contentsOfFile: certificate, encoding: .utf8) + String(contentsOfFile: data + "/second.pem", encoding: .utf8))
            .write(toFile: trusted, atomically: true, encoding: .utf8)
        // No --host: with TLS, HTTP listens on every interface by default.
        let daemon = try Daemon(
            dataDirectory: data, host: nil, extra: ["--tls-cert", certificate, "--tls-key", key, "--idle-timeout-seconds", "3"]
        )
        defer { daemon.terminate() }
        let port = daemon.httpPort
        let up = try await Self.waitUntil(seconds: 60) { try await TLSClient.request(port: port, caFile: trusted, path: "/healthz")?.status == 200 }
        try #require(up, "mgisd did not answer /healthz over TLS")
        #expect(try Self.listeningAddress(port: port) == "00000000")

        // An authenticated API request over a verified handshake, with HSTS.
        let me = try #require(try await TLSClient.request(port: port, caFile: trusted, path: "/api/v1/me", token: token))
        #expect(me.status == 200 && me.body.contains("tls-admin"), "\(me.status) \(me.body)")
        #expect(me.commonName == "mgis-tls-first")
        #expect(me.headers["strict-transport-security"] == "max-age=31536000")

        // Plain HTTP on the TLS port gets no answer and harms nothing.
        let plain = try? await HTTPTestClient(port: port).send("GET", "/healthz")
        #expect(plain?.status != 200)
        #expect(daemon.process.isRunning)
        // The first-request deadline still holds with TLS in front of it: silence gets closed.
        let silent = try TCPTestClient(port: port)
        #expect(await silent.receive(count: 1, timeoutMilliseconds: 20_000) == .closed, "a silent connection stayed open")

        // The live feed over wss://: upgraded, its first frame is the snapshot, and it stays open
        // past the 3 s first-request deadline (which would close it, were it fed encrypted bytes).
        let feed = try #require(
            try await TLSClient.request(port: port, caFile: trusted, path: "/api/v1/live?token=\(token)", holdWebSocket: true)
        )
        #expect(feed.status == 101)
        #expect(feed.body.contains("\"type\":\"snapshot\""), "first frame: \(feed.body.prefix(200))")

        // Renewal: new files in place, SIGHUP; new handshakes present the new certificate.
        try FileManager.default.removeItem(atPath: key)
        try FileManager.default.copyItem(atPath: data + "/second-key.pem", toPath: key)
        try FileManager.default.removeItem(atPath: certificate)
        try FileManager.default.copyItem(atPath: data + "/second.pem", toPath: certificate)
        kill(daemon.process.processIdentifier, SIGHUP)
        var second: TLSClient.Answer?
        let reloaded = try await Self.waitUntil(seconds: 20) {
            second = try await TLSClient.request(port: port, caFile: trusted, path: "/healthz")
            return second?.commonName == "mgis-tls-second"
        }
        #expect(reloaded, "still presenting \(second?.commonName ?? "nothing") after SIGHUP")
        #expect(daemon.process.isRunning)

        // A broken file: the reload fails (counted), the second certificate stays in use.
        try "not a certificate\n".write(toFile: certificate, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        let counted = try await Self.waitUntil(seconds: 20) {
            try await TLSClient.request(port: port, caFile: trusted, path: "/metrics", token: token)?.body
                .contains("mgis_tls_reloads_total{result=\"failed\"} 1") == true
        }
        #expect(counted, "no failed reload in /metrics")
        let after = try #require(try await TLSClient.request(port: port, caFile: trusted, path: "/api/v1/me", token: token))
        #expect(after.status == 200 && after.commonName == "mgis-tls-second" && after.serial == second?.serial)
        #expect(daemon.process.isRunning)
    }

    @Test func testPlainHTTPListensOnLoopbackByDefaultWithoutHSTS() async throws {
        let (data, _) = try Self.dataDirectory()
        let daemon = try Daemon(dataDirectory: data, host: nil)
        defer { daemon.terminate() }
        let http = HTTPTestClient(port: daemon.httpPort)
        let up = try await Self.waitUntil(seconds: 60) { (try? await http.send("GET", "/healthz"))?.status == 200 }
        try #require(up, "mgisd did not answer /healthz")
        #expect(try Self.listeningAddress(port: daemon.httpPort) == "0100007F")
        let health = try await http.send("GET", "/healthz")
        #expect(health.headers.keys.allSatisfy { $0.lowercased() != "strict-transport-security" }, "\(health.headers)")
    }
}

}
