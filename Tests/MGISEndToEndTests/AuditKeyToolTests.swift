import Foundation
import MGISAudit
import Testing

extension EndToEnd {

/// The audit signing key kept outside the data directory: `mgisctl audit verify` checks the trail
/// with the public key alone, and `mgisd` refuses a key that group or others may read.
@Suite struct AuditKeyToolTests {
    /// A data directory whose trail is signed by a key kept elsewhere; returns (data, key path).
    static func trailSignedElsewhere() async throws -> (data: String, keyPath: String) {
        let data = try ControlToolTests.directory()
        let keyPath = try ControlToolTests.directory() + "/audit-signing.key"
        let key = try AuditSigningKey.loadOrCreate(path: keyPath)
        let store = try AuditStore(configuration: AuditStoreConfiguration(dataDirectory: data))
        let events = (0..<5).map { n in
            AuditEvent(
                actor: "user\(n)", actorID: Int64(n), roles: ["admin"], action: .apiRequest, method: "GET", route: "/api/v1/units",
                objectIDs: [], query: [:], status: 200, durationMillis: 1, clientAddress: "127.0.0.1", outcome: .ok, details: [:]
            )
        }
        _ = try await store.append(events)
        _ = try await store.checkpoint(signingKey: key)
        return (data, keyPath)
    }

    @Test func testVerifyWithThePublicKeyAloneAndFailWithAnother() async throws {
        let (data, keyPath) = try await Self.trailSignedElsewhere()
        #expect(!FileManager.default.fileExists(atPath: data + "/" + AuditSigningKey.fileName))
        let printed = try ControlToolTests.mgisctl(["audit", "pubkey", "--data", data, "--audit-key", keyPath])
        #expect(printed.status == 0, "\(printed.stderr)")
        let hex = printed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let publicFile = try ControlToolTests.directory() + "/audit.pub"
        try printed.stdout.write(toFile: publicFile, atomically: true, encoding: .utf8)
        // Without any key mgisctl says what to pass; it never makes one up.
        let bare = try ControlToolTests.mgisctl(["audit", "verify", "--data", data])
        #expect(bare.status != 0 && bare.stderr.contains("--public-key"), "\(bare.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data + "/" + AuditSigningKey.fileName))
        for argument in [publicFile, hex] {
            let verified = try ControlToolTests.mgisctl(["audit", "verify", "--data", data, "--public-key", argument])
            #expect(verified.status == 0 && verified.stdout.hasPrefix("OK: 5 entries, 1 checkpoints"), "\(verified.stdout) \(verified.stderr)")
        }
        let viaSigningKey = try ControlToolTests.mgisctl(["audit", "verify", "--data", data, "--audit-key", keyPath])
        #expect(viaSigningKey.status == 0, "\(viaSigningKey.stderr)")
        // Another key does not verify the checkpoint.
        let otherFile = try ControlToolTests.directory() + "/other.pub"
        try (AuditSigningKey.generate().publicKey.hex + "\n").write(toFile: otherFile, atomically: true, encoding: .utf8)
        let wrong = try ControlToolTests.mgisctl(["audit", "verify", "--data", data, "--public-key", otherFile])
        #expect(wrong.status != 0 && (wrong.stdout + wrong.stderr).contains("FAILED"), "\(wrong.stdout) \(wrong.stderr)")
        let garbage = try ControlToolTests.mgisctl(["audit", "verify", "--data", data, "--public-key", "not-a-key"])
        #expect(garbage.status != 0)
    }

    @Test func testMgisdRefusesToStartWithALooseKey() async throws {
        let data = try ControlToolTests.directory()
        let keyPath = try ControlToolTests.directory() + "/audit.key"
        _ = try AuditSigningKey.loadOrCreate(path: keyPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyPath)
        let process = Process()
        process.executableURL = Daemon.productsDirectory.appendingPathComponent("mgisd")
        process.arguments = [
            "serve", "--data", data, "--audit-key", keyPath, "--host", "127.0.0.1",
            "--udp-port", "0", "--http-port", "0", "--teltonika-port", "0", "--log-level", "warning",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let started = process.isRunning
        if started {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(!started, "mgisd ran with a key of mode 644")
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(stderr.contains("chmod 600 \(keyPath)"), "stderr: \(stderr)")
        #expect(!FileManager.default.fileExists(atPath: data + "/" + AuditSigningKey.fileName), "no second key made in its place")
    }
}
}
