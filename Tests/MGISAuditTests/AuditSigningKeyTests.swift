import Foundation
import MGISAudit
import Testing

@Suite struct AuditSigningKeyTests {
    @Test func testKeyFileIsCreatedOnceWithMode0600() throws {
        let directory = NSTemporaryDirectory() + "mgis-key-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + AuditSigningKey.fileName
        let created = try AuditSigningKey.loadOrCreate(path: path)
        let again = try AuditSigningKey.loadOrCreate(path: path)
        #expect(created.publicKey == again.publicKey)
        #expect(try AuditSigningKey.load(path: path).publicKey == created.publicKey)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.count == 65 && text.hasSuffix("\n"))
        // Only the key file is left behind, no temporary.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [AuditSigningKey.fileName])
        #expect(throws: AuditError.self) { try AuditSigningKey.load(path: directory + "/missing.key") }
    }

    /// Whoever reads the key can sign forged checkpoints: a key file group or others may read or
    /// write is refused with a message saying what to do, and never quietly used.
    @Test func testAKeyFileGroupOrOthersMayReadIsRefused() throws {
        let directory = NSTemporaryDirectory() + "mgis-key-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/elsewhere.key"
        let created = try AuditSigningKey.loadOrCreate(path: path)
        for mode in [0o644, 0o640, 0o604, 0o620] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            do {
                _ = try AuditSigningKey.loadOrCreate(path: path)
                Issue.record("a key of mode \(String(mode, radix: 8)) was used")
            } catch {
                #expect(error.message.contains("chmod 600 \(path)") && error.message.contains(String(mode, radix: 8)), "\(error.message)")
            }
        }
        for mode in [0o600, 0o400] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            #expect(try AuditSigningKey.load(path: path).publicKey == created.publicKey)
        }
    }

    @Test func testCheckpointSignatureCoversEveryField() throws {
        let key = AuditSigningKey.generate()
        let root = MerkleHash.leaf([1, 2, 3])
        let checkpoint = try key.sign(treeSize: 42, rootHash: root, timeMillis: 1_764_000_000_000)
        #expect(String(decoding: checkpoint.signedMessage, as: UTF8.self) == "mgis-audit-checkpoint/v1\n42\n\(root.hex)\n1764000000000\n")
        #expect(checkpoint.keyID.count == 16 && checkpoint.keyID == key.publicKey.keyID)
        #expect(key.publicKey.isValidSignature(of: checkpoint))
        var changed = checkpoint
        changed.treeSize = 43
        #expect(!key.publicKey.isValidSignature(of: changed))
        changed = checkpoint
        changed.timeMillis += 1
        #expect(!key.publicKey.isValidSignature(of: changed))
        changed = checkpoint
        changed.rootHash = MerkleHash.emptyTree
        #expect(!key.publicKey.isValidSignature(of: changed))
        #expect(try AuditPublicKey(hex: key.publicKey.hex) == key.publicKey)
        #expect(throws: AuditError.self) { try AuditPublicKey(hex: "abc") }
        // The JSON form round-trips.
        let json = try JSONEncoder().encode(checkpoint)
        #expect(try JSONDecoder().decode(SignedCheckpoint.self, from: json) == checkpoint)
    }
}
