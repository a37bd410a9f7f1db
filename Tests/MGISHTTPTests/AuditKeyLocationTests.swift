import Foundation
import MGISAudit
import MGISServer
import MGISTestSupport
import Testing

/// The checkpoint signing key can live outside the data directory (`--audit-key`), is created
/// 0600 there, and a key group or others may read keeps the server from starting.
@Suite struct AuditKeyLocationTests {
    @Test func testTheKeyLivesWhereItIsToldAndNotInTheDataDirectory() async throws {
        let data = TestServer.temporaryDirectory()
        let keys = TestServer.temporaryDirectory()
        let keyPath = keys + "/audit-signing.key"
        let publicKey = try await TestServer.with(directory: data, tune: { $0.auditKeyFile = keyPath }) { server in
            server.server.audit.publicKey
        }
        #expect(!FileManager.default.fileExists(atPath: data + "/" + AuditSigningKey.fileName), "no key in the data directory")
        #expect((try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int) == 0o600)
        #expect(try AuditSigningKey.load(path: keyPath).publicKey == publicKey)
        // The trail of that run verifies with the public key alone.
        let report = try AuditVerifier(store: AuditStore(configuration: AuditStoreConfiguration(dataDirectory: data)), publicKey: publicKey)
            .verify(externalCheckpoints: [])
        #expect(report.failure == nil && report.checkpoints > 0, "\(report)")
    }

    @Test func testALooseKeyRefusesToStart() async throws {
        let data = TestServer.temporaryDirectory()
        let keyPath = TestServer.temporaryDirectory() + "/audit.key"
        _ = try AuditSigningKey.loadOrCreate(path: keyPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyPath)
        do {
            try await TestServer.with(directory: data, tune: { $0.auditKeyFile = keyPath }) { _ in }
            Issue.record("the server started with a key of mode 644")
        } catch let error as AuditError {
            #expect(error.message.contains("chmod 600"), "\(error.message)")
        }
    }
}
