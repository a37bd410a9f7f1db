public import Crypto
import MGISCore

/// A SHA-256 value of the audit tree: a leaf hash, an interior node or a root (RFC 9162 §2.1.1).
///
/// Stored inline as four words rather than an array, because verifying a long log hashes tens
/// of millions of nodes and none of them should allocate.
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// Wraps a SHA-256 digest.
    public init(_ digest: SHA256.Digest) {
        words = (0, 0, 0, 0)
        digest.withUnsafeBytes { source in
            Swift.withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: source) }
        }
    }

    /// The hash with these 32 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        // Contiguous storage (arrays, Data) is copied at once: the verifier reads one per entry.
        let copied: Bool? = bytes.withContiguousStorageIfAvailable { source in
            Swift.withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(source)) }
            return true
        }
        if copied == nil {
            Swift.withUnsafeMutableBytes(of: &words) { target in
                for (offset, byte) in bytes.enumerated() { target[offset] = byte }
            }
        }
        self.words = words
    }

    /// The hash written as 64 hexadecimal digits; `nil` for anything else.
    public init?(hex: some StringProtocol) {
        guard let bytes = Hex.decode(hex) else { return nil }
        self.init(bytes: bytes)
    }

    /// The 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Lower-case hex, 64 digits.
    public var hex: String { withUnsafeBytes { Hex.encode($0) } }

    public var description: String { hex }

    /// Calls `body` with the 32 bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: words, body)
    }

    public static func == (lhs: MerkleHash, rhs: MerkleHash) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1
            && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

extension MerkleHash {
    /// MTH({}) = SHA-256 of the empty string: the root of a tree with no leaves.
    public static let emptyTree = MerkleHash(SHA256.hash(data: [UInt8]()))

    /// The leaf hash SHA-256(0x00 || bytes).
    public static func leaf(_ bytes: UnsafeRawBufferPointer) -> MerkleHash {
        var hasher = SHA256()
        var prefix: UInt8 = 0x00
        Swift.withUnsafeBytes(of: &prefix) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: bytes)
        return MerkleHash(hasher.finalize())
    }

    /// The leaf hash SHA-256(0x00 || bytes).
    public static func leaf(_ bytes: [UInt8]) -> MerkleHash {
        bytes.withUnsafeBytes { leaf($0) }
    }

    /// The interior node hash SHA-256(0x01 || left || right).
    public static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        // One 65-byte buffer on the stack: a single update is measurably faster than three.
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 0x01
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
            right.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return MerkleHash(hasher.finalize())
        }
    }
}

extension MerkleHash: Codable {
    /// Encoded as a hex string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let hash = MerkleHash(hex: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a 64-digit hex hash")
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
