import Crypto
import MGISCore

/// The Ed25519 key that signs checkpoints: a file of 64 hex digits of the raw private key and a
/// line feed, mode 0600. By default `audit-signing.key` in the data directory; `mgisd serve
/// --audit-key FILE` keeps it elsewhere, out of reach of whoever can read the data directory.
///
/// Whoever reads the key can sign a forged checkpoint over a rewritten log, so a key file that
/// group or others may read or write is refused (`load`), and a new one is created 0600.
///
/// Holds the raw bytes rather than a swift-crypto key, which is not `Sendable`.
public struct AuditSigningKey: Sendable {
    /// The key file's name inside the data directory.
    public static let fileName = "audit-signing.key"

    private let secret: [UInt8]
    /// The key that verifies its signatures.
    public let publicKey: AuditPublicKey

    /// A key from its 32 raw private bytes.
    public init(rawRepresentation: some Collection<UInt8>) throws(AuditError) {
        let bytes = Array(rawRepresentation)
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes) else {
            throw AuditError(.signingKey, "an Ed25519 private key has 32 bytes, not \(bytes.count)")
        }
        secret = bytes
        publicKey = try AuditPublicKey(rawRepresentation: key.publicKey.rawRepresentation)
    }

    /// A new random key.
    public static func generate() -> AuditSigningKey {
        // 32 random bytes always make a valid key.
        try! AuditSigningKey(rawRepresentation: Curve25519.Signing.PrivateKey().rawRepresentation)
    }

    /// Reads the key file; refuses one whose mode lets group or others at it.
    public static func load(path: String) throws(AuditError) -> AuditSigningKey {
        if let mode = FileIO.permissions(path), mode & 0o077 != 0 {
            throw AuditError(
                .signingKey,
                "the audit signing key \(path) has mode \(String(mode, radix: 8)): group or others may read or change it, "
                    + "and whoever reads it can sign forged checkpoints. Run 'chmod 600 \(path)' (and check who else has read it)"
            )
        }
        let bytes: [UInt8]
        do {
            bytes = try FileIO.readFile(path)
        } catch {
            throw AuditError(.signingKey, "cannot read the audit signing key: \(error)")
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        guard let raw = Hex.decode(text), raw.count == 32 else {
            throw AuditError(.signingKey, "\(path) does not hold 64 hex digits")
        }
        return try AuditSigningKey(rawRepresentation: raw)
    }

    /// Reads the key file, creating it (mode 0600) with a new key if there is none.
    ///
    /// Creation is atomic: the key is written to a temporary file and linked into place only
    /// if no other process made one first, so a key is never overwritten or half written.
    public static func loadOrCreate(path: String) throws(AuditError) -> AuditSigningKey {
        if FileIO.kind(path).exists { return try load(path: path) }
        let key = generate()
        let temporary = "\(path).\(FileIO.processID).\(UInt32.random(in: .min ... .max)).tmp"
        do {
            try FileIO.createNew(temporary, Array((Hex.encode(key.secret) + "\n").utf8), mode: 0o600)
            try FileIO.linkNew(temporary, as: path)
            return key
        } catch where error.alreadyExists {
            return try load(path: path)
        } catch {
            throw AuditError(.signingKey, "cannot create the audit signing key: \(error)")
        }
    }

    /// Signs the statement that the tree had `treeSize` entries and root `rootHash` at `timeMillis`.
    public func sign(treeSize: Int, rootHash: MerkleHash, timeMillis: Int64) throws -> SignedCheckpoint {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: secret)
        let message = SignedCheckpoint.signedMessage(treeSize: treeSize, rootHash: rootHash, timeMillis: timeMillis)
        let signature = try key.signature(for: message)
        return SignedCheckpoint(
            treeSize: treeSize, rootHash: rootHash, timeMillis: timeMillis,
            keyID: publicKey.keyID, signature: Array(signature)
        )
    }
}
