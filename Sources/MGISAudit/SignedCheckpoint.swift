import MGISCore

/// A signed statement of the audit tree's size and root at a moment.
///
/// The signature is Ed25519 over `signedMessage`, these UTF-8 bytes (four lines, each ended
/// by a line feed, no other whitespace):
///
///     mgis-audit-checkpoint/v1
///     <tree size, decimal>
///     <root hash, 64 lower-case hex digits>
///     <time, milliseconds since the Unix epoch, decimal>
///
/// As JSON (the checkpoint copies and exports) it is one object with `treeSize`, `rootHash`
/// (hex), `timeMillis`, `keyID` (see `AuditPublicKey.keyID`) and `signature` (128 hex digits).
public struct SignedCheckpoint: Hashable, Sendable {
    /// The number of entries covered: entries 0..<treeSize.
    public var treeSize: Int
    /// MTH of those entries.
    public var rootHash: MerkleHash
    /// When it was signed.
    public var timeMillis: Int64
    /// Which key signed it.
    public var keyID: String
    /// The Ed25519 signature, 64 bytes.
    public var signature: [UInt8]

    public init(treeSize: Int, rootHash: MerkleHash, timeMillis: Int64, keyID: String, signature: [UInt8]) {
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.timeMillis = timeMillis
        self.keyID = keyID
        self.signature = signature
    }

    /// The bytes a checkpoint of these values signs.
    public static func signedMessage(treeSize: Int, rootHash: MerkleHash, timeMillis: Int64) -> [UInt8] {
        Array("mgis-audit-checkpoint/v1\n\(treeSize)\n\(rootHash.hex)\n\(timeMillis)\n".utf8)
    }

    /// The bytes this checkpoint's signature covers.
    public var signedMessage: [UInt8] {
        Self.signedMessage(treeSize: treeSize, rootHash: rootHash, timeMillis: timeMillis)
    }
}

extension SignedCheckpoint: Codable {
    private enum CodingKeys: String, CodingKey {
        case treeSize, rootHash, timeMillis, keyID, signature
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        treeSize = try container.decode(Int.self, forKey: .treeSize)
        rootHash = try container.decode(MerkleHash.self, forKey: .rootHash)
        timeMillis = try container.decode(Int64.self, forKey: .timeMillis)
        keyID = try container.decode(String.self, forKey: .keyID)
        guard let signature = Hex.decode(try container.decode(String.self, forKey: .signature)) else {
            throw DecodingError.dataCorruptedError(forKey: .signature, in: container, debugDescription: "not hex")
        }
        self.signature = signature
        guard treeSize >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .treeSize, in: container, debugDescription: "negative")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(treeSize, forKey: .treeSize)
        try container.encode(rootHash, forKey: .rootHash)
        try container.encode(timeMillis, forKey: .timeMillis)
        try container.encode(keyID, forKey: .keyID)
        try container.encode(Hex.encode(signature), forKey: .signature)
    }
}
