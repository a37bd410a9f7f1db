import Crypto
import MGISCore

/// The Ed25519 public key that checks checkpoint signatures: all an offline verifier needs.
public struct AuditPublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The 32 raw key bytes.
    public let rawRepresentation: [UInt8]

    /// A key from its 32 raw bytes.
    public init(rawRepresentation: some Collection<UInt8>) throws(AuditError) {
        guard rawRepresentation.count == 32 else {
            throw AuditError(.invalidArgument, "an Ed25519 public key has 32 bytes, not \(rawRepresentation.count)")
        }
        self.rawRepresentation = Array(rawRepresentation)
    }

    /// A key from 64 hex digits (what `mgisctl audit pubkey` prints).
    public init(hex: String) throws(AuditError) {
        guard let bytes = Hex.decode(hex.trimmingWhitespace()) else {
            throw AuditError(.invalidArgument, "the public key must be 64 hex digits")
        }
        try self.init(rawRepresentation: bytes)
    }

    /// The key as 64 lower-case hex digits.
    public var hex: String { Hex.encode(rawRepresentation) }

    public var description: String { hex }

    /// A short name for the key recorded with each checkpoint: the first 8 bytes of SHA-256 of
    /// the raw key, as 16 hex digits.
    public var keyID: String { Hex.encode(SHA256.hash(data: rawRepresentation).prefix(8)) }

    /// Whether `checkpoint` names this key and carries its valid signature.
    public func isValidSignature(of checkpoint: SignedCheckpoint) -> Bool {
        guard checkpoint.keyID == keyID,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation)
        else { return false }
        return key.isValidSignature(checkpoint.signature, for: checkpoint.signedMessage)
    }
}
