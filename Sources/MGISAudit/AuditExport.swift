public import Foundation

/// A self-contained, offline-verifiable extract of the audit trail: entries with their
/// inclusion proofs against one signed checkpoint, and the public key.
///
/// JSON file format `mgis-audit-export/1`:
///
///     { "format": "mgis-audit-export/1",
///       "publicKey": "<64 hex digits>",
///       "checkpoint": { "treeSize": N, "rootHash": "<hex>", "timeMillis": T, "keyID": "<hex>",
///                       "signature": "<hex>" },
///       "entries": [ { "index": I, "event": "<canonical event JSON, as text>",
///                      "inclusionProof": ["<hex>", ...] }, ... ] }
///
/// To check it by hand: verify the Ed25519 signature over the checkpoint's signed message
/// (see `SignedCheckpoint`), then for each entry hash SHA-256(0x00 || UTF-8 of `event`) and
/// verify the proof against `rootHash` and `treeSize` as RFC 9162 §2.1.3.2.
public struct AuditExport: Codable, Sendable, Hashable {
    /// One exported entry.
    public struct Entry: Codable, Sendable, Hashable {
        /// Its index (leaf number).
        public var index: Int
        /// The canonical bytes exactly (they are UTF-8 JSON text).
        public var event: String
        /// PATH(index, D[checkpoint.treeSize]), deepest sibling first.
        public var inclusionProof: [MerkleHash]

        public init(index: Int, event: String, inclusionProof: [MerkleHash]) {
            self.index = index
            self.event = event
            self.inclusionProof = inclusionProof
        }
    }

    /// The value of `format` this code writes and reads.
    public static let formatName = "mgis-audit-export/1"

    /// Always `formatName`.
    public var format: String
    /// Hex of the Ed25519 key that signed the checkpoint. Trust it only if it matches the key
    /// you got from the operator (`mgisctl audit pubkey`).
    public var publicKey: String
    /// The signed tree all proofs lead to.
    public var checkpoint: SignedCheckpoint
    /// The exported entries, by index.
    public var entries: [Entry]

    /// An export of `entries` proven against `checkpoint`, signed by `publicKey`'s key.
    public init(publicKey: AuditPublicKey, checkpoint: SignedCheckpoint, entries: [Entry]) {
        format = Self.formatName
        self.publicKey = publicKey.hex
        self.checkpoint = checkpoint
        self.entries = entries
    }

    /// The file's bytes: indented JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads an export file's bytes.
    public init(jsonData: Data) throws(AuditError) {
        do {
            self = try JSONDecoder().decode(AuditExport.self, from: jsonData)
        } catch {
            throw AuditError(.invalidExport, "not an audit export: \(error)")
        }
        guard format == Self.formatName else {
            throw AuditError(.invalidExport, "unknown export format '\(format)' (expected \(Self.formatName))")
        }
    }
}
